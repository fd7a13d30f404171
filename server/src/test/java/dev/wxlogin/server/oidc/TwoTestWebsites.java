package dev.wxlogin.server.oidc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Two websites registered by configuration, for service tests of the OpenID Connect provider: "spa", a
 * public client (PKCE, RS256 ID tokens, every scope, a post-logout redirect URI), and "portal", a
 * confidential one (ES256 ID tokens, openid only). One annotation, so that the classes using it share
 * one running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "wxlogin.oidc.clients[0].client-id=spa",
        "wxlogin.oidc.clients[0].name=Single-page app",
        "wxlogin.oidc.clients[0].redirect-uris[0]=" + TwoTestWebsites.REDIRECT,
        "wxlogin.oidc.clients[0].post-logout-redirect-uris[0]=" + TwoTestWebsites.SIGNED_OUT,
        "wxlogin.oidc.clients[0].scopes=openid,profile,unionid",
        "wxlogin.oidc.clients[1].client-id=portal",
        "wxlogin.oidc.clients[1].secret=" + TwoTestWebsites.PORTAL_SECRET,
        "wxlogin.oidc.clients[1].redirect-uris[0]=" + TwoTestWebsites.REDIRECT,
        "wxlogin.oidc.clients[1].scopes=openid",
        "wxlogin.oidc.clients[1].id-token-signing-algorithm=ES256",
})
public @interface TwoTestWebsites {

    /** Where both websites take their codes (nothing listens there: tests read the redirect). */
    String REDIRECT = "http://127.0.0.1:9/callback";
    /** Where the public website asks to be sent back after signing the user out (registered). */
    String SIGNED_OUT = "http://127.0.0.1:9/signed-out";
    /** The confidential website's secret. */
    String PORTAL_SECRET = "portal-secret-of-some-length";
}
