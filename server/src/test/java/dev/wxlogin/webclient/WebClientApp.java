package dev.wxlogin.webclient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A customer's website: one protected page and nothing of wxlogin's code. Its sign-in is Spring
 * Boot's stock OAuth2 client, configured by the {@code spring.security.oauth2.client.*} properties
 * (as docs/oidc.md shows), and nothing else. It lives outside {@code dev.wxlogin.server}, so neither
 * application scans the other.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@Import(WebClientApp.AccountPage.class)
public class WebClientApp {

    /** Starts the website on {@code port}, signing in with the wxlogin at {@code issuer}. */
    public static ConfigurableApplicationContext start(int port, String issuer, String clientId, String secret, String scopes) {
        // As command-line arguments: they outrank the application.yml on this (shared) test classpath.
        return new SpringApplicationBuilder(WebClientApp.class).run(
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                "--spring.application.name=webclient",
                // Its own session cookie, not the one wxlogin's application.yml gives the admin console.
                "--server.servlet.session.cookie.name=WEBCLIENT_SESSION",
                "--server.servlet.session.cookie.path=/",
                "--server.servlet.session.cookie.same-site=lax",
                "--spring.security.oauth2.client.registration.wxlogin.client-id=" + clientId,
                "--spring.security.oauth2.client.registration.wxlogin.client-secret=" + secret,
                "--spring.security.oauth2.client.registration.wxlogin.scope=" + scopes,
                "--spring.security.oauth2.client.provider.wxlogin.issuer-uri=" + issuer);
    }

    /** The protected page: who the ID token says signed in. */
    @RestController
    static class AccountPage {

        @GetMapping(path = "/account", produces = MediaType.TEXT_HTML_VALUE)
        String account(@AuthenticationPrincipal OidcUser user) {
            return "<!DOCTYPE html><html><head><title>Account</title></head><body><h1 id=\"who\" data-sub=\""
                    + HtmlUtils.htmlEscape(user.getSubject()) + "\">Signed in as "
                    + HtmlUtils.htmlEscape(user.getSubject()) + "</h1><p id=\"nickname\">"
                    + HtmlUtils.htmlEscape(String.valueOf(user.getClaims().get("nickname"))) + "</p></body></html>";
        }
    }
}
