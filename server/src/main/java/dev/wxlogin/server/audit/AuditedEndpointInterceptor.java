package dev.wxlogin.server.audit;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.wxlogin.server.error.ErrorResponses;

/**
 * Records the calls of {@link Audited} endpoints once they are answered, so that failures are
 * recorded with the error code they were answered with, as successes are.
 */
final class AuditedEndpointInterceptor implements HandlerInterceptor {

    private final Supplier<AuditLog> auditLog;

    AuditedEndpointInterceptor(Supplier<AuditLog> auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(handler instanceof HandlerMethod method)) {
            return;
        }
        Audited audited = method.getMethodAnnotation(Audited.class);
        if (audited == null) {
            return;
        }
        Long userId = null;
        String appid = null;
        String sessionId = null;
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            userId = Long.valueOf(jwt.getSubject());
            appid = jwt.getClaimAsString("appid");
            sessionId = jwt.getClaimAsString("sid");
        }
        auditLog.get().record(AuditEvent.of(RequestOrigin.of(request), audited.value(), outcome(request, response), appid, userId, sessionId));
    }

    private static String outcome(HttpServletRequest request, HttpServletResponse response) {
        Object error = request.getAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE);
        if (error instanceof String code) {
            return code;
        }
        return response.getStatus() < 400 ? AuditEvent.OK : "HTTP_" + response.getStatus();
    }
}
