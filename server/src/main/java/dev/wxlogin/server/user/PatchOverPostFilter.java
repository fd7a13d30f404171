package dev.wxlogin.server.user;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a {@code POST} with {@code X-HTTP-Method-Override: PATCH} reach the PATCH endpoints
 * ({@code PATCH /api/v1/me}): {@code wx.request} and {@code uni.request} cannot send PATCH. Only
 * POST may be overridden and only to PATCH, so no other method can be smuggled in; it runs before
 * Spring Security, which therefore sees the same method as the endpoint.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PatchOverPostFilter extends OncePerRequestFilter {

    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "PATCH".equalsIgnoreCase(request.getHeader(HEADER))) {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public String getMethod() {
                    return "PATCH";
                }
            }, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
