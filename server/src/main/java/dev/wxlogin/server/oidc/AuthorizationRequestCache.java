package dev.wxlogin.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The browser's request cache (a cookie, kept across the scan) that keeps only authorization
 * requests: a website's call to the token, revocation or introspection endpoint that is refused must
 * not leave a cookie behind.
 */
final class AuthorizationRequestCache implements RequestCache {

    private final RequestMatcher authorization;
    private final RequestCache cache;

    AuthorizationRequestCache(RequestMatcher authorization, RequestCache cache) {
        this.authorization = authorization;
        this.cache = cache;
    }

    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        if (authorization.matches(request)) {
            cache.saveRequest(request, response);
        }
    }

    @Override
    public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
        return cache.getRequest(request, response);
    }

    @Override
    public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
        return cache.getMatchingRequest(request, response);
    }

    @Override
    public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
        cache.removeRequest(request, response);
    }
}
