package dev.wxlogin.server.error;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an {@link ApiError} in one of the two shapes the service speaks:
 * <ul>
 *   <li>the API's: {@code {"code":"WX_CODE_INVALID","status":401,"message":"...","messageZh":"..."}};</li>
 *   <li>the compatible {@code /user/**} endpoints': {@code {"code":401,"msg":"...","error":"WX_CODE_INVALID"}},
 *       where {@code code} equals the HTTP status, as existing mini programs expect.</li>
 * </ul>
 */
@Component
public class ErrorResponses {

    /** The request attribute that holds the code of the error a request was answered with (for the audit log). */
    public static final String ERROR_CODE_ATTRIBUTE = ErrorResponses.class.getName() + ".errorCode";

    private final JsonMapper json;

    ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    /** Whether the request came to the compatible endpoints with their own error shape. */
    static boolean isLegacy(HttpServletRequest request) {
        return originalUri(request).startsWith(request.getContextPath() + "/user/");
    }

    /** The URI the client asked for, also while the container forwards a failure to the error page. */
    static String originalUri(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return failed instanceof String uri ? uri : request.getRequestURI();
    }

    public ResponseEntity<Object> entity(ApiError error, String detail, HttpServletRequest request) {
        return entity(error, detail, null, request);
    }

    /** @param retryAfter overrides the error's usual {@code Retry-After}, or {@code null} */
    public ResponseEntity<Object> entity(ApiError error, String detail, Duration retryAfter,
                                         HttpServletRequest request) {
        request.setAttribute(ERROR_CODE_ATTRIBUTE, error.name());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
        Duration wait = retryAfter != null ? retryAfter : error.retryAfter().orElse(null);
        if (wait != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds()));
        }
        return builder.body(body(error, detail, request));
    }

    /** For filters, which answer before Spring MVC runs. */
    public void write(ApiError error, String detail, HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(ERROR_CODE_ATTRIBUTE, error.name());
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        error.retryAfter().ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        json.writeValue(response.getOutputStream(), body(error, detail, request));
    }

    private static Map<String, Object> body(ApiError error, String detail, HttpServletRequest request) {
        return body(error, detail, isLegacy(request));
    }

    /** The body of an error answer, in the compatible endpoints' shape when {@code legacy}. */
    static Map<String, Object> body(ApiError error, String detail, boolean legacy) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (legacy) {
            body.put("code", error.status().value());
            body.put("msg", error.messageZh());
            body.put("error", error.name());
        } else {
            body.put("code", error.name());
            body.put("status", error.status().value());
            body.put("message", detail == null ? error.message() : detail);
            body.put("messageZh", error.messageZh());
        }
        return body;
    }
}
