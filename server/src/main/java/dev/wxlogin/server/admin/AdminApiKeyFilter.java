package dev.wxlogin.server.admin;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request to the admin API by an admin API key, sent as
 * {@code Authorization: Bearer wxa_...} or {@code X-Admin-Api-Key: wxa_...}. For this request only:
 * a key never starts a console session. Anything else (a user's access token included) leaves the
 * request unauthenticated, and the admin chain answers 401.
 */
class AdminApiKeyFilter extends OncePerRequestFilter {

    /** The header a key may also come in. */
    static final String HEADER = "X-Admin-Api-Key";
    /** Request attribute: the key this request was authenticated by, when it was. */
    private static final String AUTHENTICATED_BY = AdminApiKeyFilter.class.getName() + ".key";

    private final AdminApiKeys keys;

    AdminApiKeyFilter(AdminApiKeys keys) {
        this.keys = keys;
    }

    /** The key this request presents, if any (not yet checked). */
    static Optional<String> presentedKey(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null) {
            return Optional.of(header.strip());
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.substring(7).strip().startsWith(AdminApiKeys.PREFIX)) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.empty();
    }

    /**
     * Whether the request carries credentials in a header ({@code Authorization} or the key header).
     * Such a request is authenticated by that header alone, never by a console session beside it, and
     * needs no CSRF token: a browser cannot be made to send these headers cross-site.
     */
    /**
     * Whether this request was authenticated by a valid API key (this filter ran before): what a
     * browser cannot be made to send cross-site, unlike a session cookie, whatever other headers come.
     */
    static boolean authenticatedByKey(HttpServletRequest request) {
        return request.getAttribute(AUTHENTICATED_BY) != null;
    }

    static boolean hasHeaderCredentials(HttpServletRequest request) {
        return request.getHeader(HEADER) != null || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasHeaderCredentials(request)) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            presentedKey(request).flatMap(keys::authenticate).ifPresent(key -> {
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(key.actor(), null,
                        AuthorityUtils.createAuthorityList("ROLE_" + AdminAccounts.ROLE)));
                request.setAttribute(AUTHENTICATED_BY, key);
            });
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
