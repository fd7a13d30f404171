package dev.wxlogin.server.oidc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Two websites registered by configuration, for service tests of the OpenID Connect provider: "spa", a
 * public client (PKCE, RS256 ID tokens, every scope, a post-logout redirect URI), and "portal", a
 * confidential one (ES256 ID tokens, openid only). Every {@link dev.wxlogin.server.ServiceTest} service
 * has them; the annotation marks the classes that rely on them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface TwoTestWebsites {

    /** The public website's configuration entry. */
    String SPA = "wxlogin.oidc.clients[0]";
    /** The confidential website's configuration entry. */
    String PORTAL = "wxlogin.oidc.clients[1]";

    /** Where both websites take their codes (nothing listens there: tests read the redirect). */
    String REDIRECT = "http://127.0.0.1:9/callback";
    /** Where the public website asks to be sent back after signing the user out (registered). */
    String SIGNED_OUT = "http://127.0.0.1:9/signed-out";
    /** The confidential website's secret. */
    String PORTAL_SECRET = "portal-secret-of-some-length";
}
