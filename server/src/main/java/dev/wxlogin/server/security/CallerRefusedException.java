package dev.wxlogin.server.security;

import org.springframework.security.core.AuthenticationException;

import dev.wxlogin.server.error.ApiError;

/**
 * A token that verified but names no caller we serve: a user gone or disabled, an app no longer
 * configured, or a database we cannot ask. Answered as {@link #error()}.
 */
class CallerRefusedException extends AuthenticationException {

    private final transient ApiError error;

    CallerRefusedException(ApiError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
