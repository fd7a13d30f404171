package dev.wxlogin.server.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.error.ErrorResponses;

/**
 * Refuses an access token on a request that names another mini program (header or WeChat's
 * Referer) with 403 {@code TOKEN_WRONG_APP}: a token is only good for its own app. Runs in the
 * security chain right after the token was verified, so it covers exactly the requests that carry
 * one: the single place this is checked.
 */
final class TokenAppCheck extends OncePerRequestFilter {

    private final AppSelector selector;
    private final ErrorResponses responses;

    TokenAppCheck(AppSelector selector, ErrorResponses responses) {
        this.selector = selector;
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            try {
                selector.requireSameApp(request, caller.app().appid());
            } catch (ApiException refused) {
                responses.write(refused.error(), null, request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
