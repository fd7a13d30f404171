package dev.wxlogin.server.oidc;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;

/**
 * How the provider's endpoints that websites call (token, revocation, introspection, userinfo) answer
 * what the provider's defaults answer otherwise: in OAuth's terms, never a redirect or a cookie.
 */
final class OAuthAnswers {

    private static final OAuth2ErrorHttpMessageConverter ERRORS = new OAuth2ErrorHttpMessageConverter();
    private static final OAuth2TokenIntrospectionHttpMessageConverter INTROSPECTIONS = new OAuth2TokenIntrospectionHttpMessageConverter();

    private OAuthAnswers() {
    }

    /**
     * RFC 6749 §5.2: a request to the token, revocation or introspection endpoint that does not
     * authenticate the client is {@code 401 invalid_client}.
     */
    static void invalidClient(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"wxlogin\"");
        write(response, HttpStatus.UNAUTHORIZED,
                new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "client authentication is required", null));
    }

    /**
     * Userinfo's refusals (RFC 6750 §3): {@code invalid_token} is 401 with
     * {@code WWW-Authenticate: Bearer error="invalid_token"}, {@code insufficient_scope} 403 likewise,
     * anything else 400.
     */
    static void bearerChallenge(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, null, null);
        HttpStatus status = switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_TOKEN -> HttpStatus.UNAUTHORIZED;
            case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
        StringBuilder challenge = new StringBuilder("Bearer error=\"").append(error.getErrorCode()).append('"');
        if (error.getDescription() != null && error.getDescription().matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*")) {
            challenge.append(", error_description=\"").append(error.getDescription()).append('"');
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
        write(response, status, error);
    }

    /**
     * The introspection answer, {@code {"active":false}} for a token issued to another website: a
     * website learns nothing of the tokens of others (RFC 7662 §4 lets the server decide whom to tell).
     */
    static void ownTokensOnly(HttpServletRequest request, HttpServletResponse response, Authentication authentication) throws IOException {
        OAuth2TokenIntrospectionAuthenticationToken introspected = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        OAuth2TokenIntrospection claims = introspected.getTokenClaims();
        String caller = introspected.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null
                ? client.getRegisteredClient().getClientId() : null;
        if (claims.isActive() && (caller == null || !caller.equals(claims.getClientId()))) {
            claims = OAuth2TokenIntrospection.builder(false).build();
        }
        INTROSPECTIONS.write(claims, null, new ServletServerHttpResponse(response));
    }

    private static void write(HttpServletResponse response, HttpStatus status, OAuth2Error error) throws IOException {
        ServletServerHttpResponse http = new ServletServerHttpResponse(response);
        http.setStatusCode(status);
        ERRORS.write(error, null, http);
    }
}
