package dev.wxlogin.server.error;

/** A failure with a known {@link ApiError}, answered as such. */
public class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error) {
        this(error, error.message());
    }

    /** @param detail a more precise message than the error's own; never a secret */
    public ApiException(ApiError error, String detail) {
        super(detail);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
