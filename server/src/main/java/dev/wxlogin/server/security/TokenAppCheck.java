package dev.wxlogin.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.wxlogin.server.app.AppSelector;

/**
 * Refuses an access token on a request that names another mini program (header or WeChat's
 * Referer) with 403 {@code TOKEN_WRONG_APP}: a token is only good for its own app's endpoints.
 */
@Component
class TokenAppCheck implements HandlerInterceptor {

    private final AppSelector selector;

    TokenAppCheck(AppSelector selector) {
        this.selector = selector;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            selector.requireSameApp(request, AuthenticatedUser.of(token.getToken()).appid());
        }
        return true;
    }
}
