package dev.wxlogin.server.error;

import java.time.Duration;
import java.util.Optional;

/** A failure with a known {@link ApiError}, answered as such. */
public class ApiException extends RuntimeException {

    private final ApiError error;
    private final transient Duration retryAfter;

    public ApiException(ApiError error) {
        this(error, error.message());
    }

    /** @param detail a more precise message than the error's own; never a secret */
    public ApiException(ApiError error, String detail) {
        super(detail);
        this.error = error;
        this.retryAfter = null;
    }

    /** @param retryAfter when the client may try again, sent as {@code Retry-After} in place of the error's usual one */
    public ApiException(ApiError error, Duration retryAfter) {
        super(error.message());
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ApiError error() {
        return error;
    }

    /** When the client may try again: this failure's own time, else its error's usual one. */
    public Optional<Duration> retryAfter() {
        return retryAfter != null ? Optional.of(retryAfter) : error.retryAfter();
    }
}
