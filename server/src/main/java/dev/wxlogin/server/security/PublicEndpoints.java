package dev.wxlogin.server.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one list of what anyone may call without an access token; everything else needs one. Paths
 * are matched for every method, so that a wrong method on a public path still answers 405.
 *
 * <p>Only requests outside this list have their {@code Authorization} header read: a client that
 * attaches its stored (perhaps expired) token to every call is never refused a login or a refresh.
 */
final class PublicEndpoints implements RequestMatcher {

    private static final PathPatternRequestMatcher.Builder PATH = PathPatternRequestMatcher.withDefaults();

    private final RequestMatcher matcher = new OrRequestMatcher(
            // logging in and the login state
            PATH.matcher("/api/v1/login"),
            PATH.matcher("/user/wxlogin"),
            PATH.matcher("/api/v1/token/refresh"),
            PATH.matcher("/api/v1/logout"),
            // RFC 7662 introspection: resource servers authenticate with HTTP Basic there
            PATH.matcher("/oauth2/introspect"),
            // what other services and <image> tags read
            PATH.matcher("/.well-known/**"),
            PATH.matcher("/avatars/**"),
            // signing in to websites (OpenID Connect): the provider's endpoints, which authenticate the
            // browser's sign-in or the website itself. Their own filter chain (oidc.OidcConfiguration) comes
            // first and enforces that; /userinfo needs the website's access token and is not listed. The
            // browser's scan pages are the chain of weblogin.WebLoginConfiguration, each by name: any other
            // path under /login reaches this chain, unlisted.
            PATH.matcher("/oauth2/authorize"),
            PATH.matcher("/oauth2/token"),
            PATH.matcher("/oauth2/jwks"),
            PATH.matcher("/oauth2/revoke"),
            PATH.matcher("/oauth2/website/introspect"),
            PATH.matcher("/connect/logout"),
            // the API documents (served only when enabled)
            PATH.matcher("/v3/api-docs"),
            PATH.matcher("/v3/api-docs/**"),
            PATH.matcher("/swagger-ui.html"),
            PATH.matcher("/swagger-ui/**"),
            // the container's error page, and probes: on the service port only health is exposed, and the
            // actuator's links page (which lists the exposed endpoints) is not public
            PATH.matcher("/error"),
            PATH.matcher("/livez"),
            PATH.matcher("/readyz"),
            EndpointRequest.toAnyEndpoint().excludingLinks());

    @Override
    public boolean matches(HttpServletRequest request) {
        return matcher.matches(request);
    }
}
