package dev.wxlogin.server.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ErrorResponses;
import dev.wxlogin.server.token.AccessTokenLifetimeValidator;

/**
 * Answers a request to a protected endpoint without a usable access token in our error shape:
 * 401 TOKEN_MISSING, TOKEN_EXPIRED or TOKEN_INVALID with the RFC 6750 {@code WWW-Authenticate}, or
 * what refused the token's caller (USER_DISABLED, USER_NOT_FOUND, DATABASE_UNAVAILABLE...).
 */
@Component
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ErrorResponses responses;

    ApiAuthenticationEntryPoint(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        ApiError error = errorOf(failure);
        if (error == ApiError.TOKEN_MISSING) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        } else if (error.status().value() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\"" + error.message() + "\"");
        }
        responses.write(error, null, request, response);
    }

    static ApiError errorOf(AuthenticationException failure) {
        if (failure instanceof CallerRefusedException refused) {
            return refused.error();
        }
        if (!(failure instanceof OAuth2AuthenticationException)) {
            return ApiError.TOKEN_MISSING;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JwtValidationException invalid && invalid.getErrors().stream()
                    .anyMatch(e -> AccessTokenLifetimeValidator.EXPIRED.equals(e.getErrorCode()))) {
                return ApiError.TOKEN_EXPIRED;
            }
        }
        return ApiError.TOKEN_INVALID;
    }
}
