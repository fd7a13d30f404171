package dev.wxlogin.server.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * What the servlet container forwards to {@code /error}: failures outside Spring MVC (in a filter,
 * in the security chain, in Tomcat itself). Answered in our own error shapes like every other
 * failure, instead of Spring Boot's default page.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPageController.class);

    private final ErrorResponses responses;

    ErrorPageController(ErrorResponses responses) {
        this.responses = responses;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (failure == null && status == null) {
            // Asked for directly, not forwarded by the container: there is no such endpoint, and nothing to log.
            return responses.entity(ApiError.NOT_FOUND, null, request);
        }
        ApiError error = failure instanceof Throwable t
                ? ApiErrorMapping.of(t)
                : ApiErrorMapping.ofStatus(status instanceof Integer code ? code : 500);
        if (error == ApiError.INTERNAL_ERROR) {
            LOG.error("Unexpected failure on {}", ErrorResponses.originalUri(request), failure instanceof Throwable t ? t : null);
        }
        return responses.entity(error, null, request);
    }
}
