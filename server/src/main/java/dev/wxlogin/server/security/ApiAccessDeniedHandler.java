package dev.wxlogin.server.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ErrorResponses;

/** Answers 403 ACCESS_DENIED in our error shape. */
@Component
class ApiAccessDeniedHandler implements AccessDeniedHandler {

    private final ErrorResponses responses;

    ApiAccessDeniedHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        responses.write(ApiError.ACCESS_DENIED, null, request, response);
    }
}
