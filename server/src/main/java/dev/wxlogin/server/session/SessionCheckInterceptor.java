package dev.wxlogin.server.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a verified access token whose session was ended or whose user was disabled or deleted,
 * before any endpoint acts on it: SESSION_REVOKED, USER_DISABLED or USER_NOT_FOUND.
 */
final class SessionCheckInterceptor implements HandlerInterceptor {

    private final SessionRevocations revocations;

    SessionCheckInterceptor(SessionRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            revocations.require(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString(SessionClaims.SESSION_ID));
        }
        return true;
    }
}
