package dev.wxlogin.server.error;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.wxlogin.server.config.WxLoginProperties;

/**
 * Refuses bodies over {@code wxlogin.max-request-size} with 413: at once when Content-Length says
 * so, and while reading when a chunked body grows past it. Only the avatar upload may be larger;
 * its multipart limit applies there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final ErrorResponses responses;

    RequestSizeLimitFilter(WxLoginProperties properties, ErrorResponses responses) {
        this.limit = properties.maxRequestSize().toBytes();
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAvatarUpload(request)) {
            // The one multipart endpoint, with its own (larger) limit enforced while parsing.
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            responses.write(ApiError.REQUEST_TOO_LARGE, null, request, response);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static boolean isAvatarUpload(HttpServletRequest request) {
        String contentType = request.getContentType();
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/api/v1/me/avatar")
                && contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
