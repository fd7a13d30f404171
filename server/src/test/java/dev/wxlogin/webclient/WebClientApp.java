package dev.wxlogin.webclient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A customer's website: one protected page and nothing of wxlogin's code. Its sign-in is Spring
 * Boot's stock OAuth2 client, configured by the {@code spring.security.oauth2.client.*} properties
 * (as docs/oidc.md shows); its sign-out is Spring Security's RP-initiated logout, the one filter
 * chain below. It lives outside {@code dev.wxlogin.server}, so neither application scans the other.
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
                // Closed when its test ends: no graceful wait (30 s at most) for a browser's open request.
                "--server.shutdown=immediate",
                // Its own session cookie, not the one wxlogin's application.yml gives the admin console.
                "--server.servlet.session.cookie.name=WEBCLIENT_SESSION",
                "--server.servlet.session.cookie.path=/",
                "--server.servlet.session.cookie.same-site=lax",
                "--spring.security.oauth2.client.registration.wxlogin.client-id=" + clientId,
                "--spring.security.oauth2.client.registration.wxlogin.client-secret=" + secret,
                "--spring.security.oauth2.client.registration.wxlogin.scope=" + scopes,
                "--spring.security.oauth2.client.provider.wxlogin.issuer-uri=" + issuer);
    }

    /**
     * Boot's default chain (every page signed in with {@code oauth2Login}) plus what Spring Security's
     * documentation gives for RP-initiated logout: signing out here goes on to wxlogin's
     * {@code end_session_endpoint} (from discovery) with the ID token, and back to {@code /signed-out}.
     */
    @Bean
    SecurityFilterChain website(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler signOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signOut.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/signed-out").permitAll().anyRequest().authenticated())
                .oauth2Login(Customizer.withDefaults())
                .logout(logout -> logout.logoutSuccessHandler(signOut));
        return http.build();
    }

    /** The protected page: who the ID token says signed in, and a sign-out button. */
    @RestController
    static class AccountPage {

        @GetMapping(path = "/account", produces = MediaType.TEXT_HTML_VALUE)
        String account(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
            return "<!DOCTYPE html><html><head><title>Account</title></head><body><h1 id=\"who\" data-sub=\""
                    + HtmlUtils.htmlEscape(user.getSubject()) + "\">Signed in as "
                    + HtmlUtils.htmlEscape(user.getSubject()) + "</h1><p id=\"nickname\">"
                    + HtmlUtils.htmlEscape(String.valueOf(user.getClaims().get("nickname"))) + "</p>"
                    + "<form method=\"post\" action=\"/logout\"><input type=\"hidden\""
                    + " name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName()) + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">"
                    + "<button id=\"sign-out\">Sign out</button></form></body></html>";
        }

        /** Where wxlogin sends the browser back after signing out. */
        @GetMapping(path = "/signed-out", produces = MediaType.TEXT_HTML_VALUE)
        String signedOut() {
            return "<!DOCTYPE html><html><head><title>Signed out</title></head><body><h1 id=\"signed-out\">Signed out</h1></body></html>";
        }
    }
}
