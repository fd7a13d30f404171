package dev.wxlogin.server.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer-token resolution with a fast path: an {@code Authorization: Bearer <token>}
 * header whose token is plainly well formed (RFC 6750's b64token: {@code [A-Za-z0-9-._~+/]+=*}) is taken
 * by a scan of its characters; anything else (no header, a malformed one, another scheme) goes to
 * {@link DefaultBearerTokenResolver}, which answers as it always does. The default matches every
 * header with a case-insensitive regular expression, which in profiles of {@code /api/v1/me} cost more
 * than the token's signature check (the token's 600 characters through nested character-class tests).
 */
final class BearerHeader implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";
    private static final boolean[] TOKEN_CHARACTERS = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            TOKEN_CHARACTERS[c] = true;
            TOKEN_CHARACTERS[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN_CHARACTERS[c] = true;
        }
        for (char c : "-._~+/".toCharArray()) {
            TOKEN_CHARACTERS[c] = true;
        }
    }

    private final DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = wellFormedToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        return token != null ? token : fallback.resolve(request);
    }

    /** The token of a plainly well-formed {@code Bearer} header, else {@code null} (the default decides). */
    static String wellFormedToken(String header) {
        if (header == null || header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int end = header.length();
        while (end > SCHEME.length() && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == SCHEME.length()) {
            return null;
        }
        for (int i = SCHEME.length(); i < end; i++) {
            char c = header.charAt(i);
            if (c >= 128 || !TOKEN_CHARACTERS[c]) {
                return null;
            }
        }
        return header.substring(SCHEME.length());
    }
}
