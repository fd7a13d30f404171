package dev.wxlogin.server.audit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * Where a request came from, as sessions and the audit log keep it: the client address and its user
 * agent, cut to what the columns hold. Resolved once at the edge (a handler's {@code RequestOrigin}
 * parameter, {@link RequestOriginArgumentResolver}) and passed down as a value.
 *
 * @param clientAddress the peer address as the servlet container sees it (forwarded headers included
 *                      when the deployment trusts them), or {@code null}
 * @param userAgent     the {@code User-Agent} header, at most {@value #MAX_USER_AGENT} characters, or {@code null}
 */
public record RequestOrigin(String clientAddress, String userAgent) {

    /** The most of a user agent kept; the rest is noise for telling devices apart. */
    public static final int MAX_USER_AGENT = 256;
    private static final int MAX_ADDRESS = 64;

    /** No request: a background job, or a call outside HTTP. */
    public static final RequestOrigin NONE = new RequestOrigin(null, null);

    public RequestOrigin {
        clientAddress = cut(clientAddress, MAX_ADDRESS);
        userAgent = cut(userAgent, MAX_USER_AGENT);
    }

    /** The origin of {@code request}. */
    public static RequestOrigin of(HttpServletRequest request) {
        return new RequestOrigin(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static String cut(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        // Control characters would let a client forge lines in a console or an export.
        String clean = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }
}
