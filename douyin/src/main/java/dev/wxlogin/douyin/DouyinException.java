package dev.wxlogin.douyin;

/**
 * Base of every failure of a call to Douyin. {@link #code()} is stable and machine-readable; the message
 * is for people and never contains a secret.
 */
public abstract class DouyinException extends RuntimeException {

    protected DouyinException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable upper-case code such as {@code DOUYIN_CODE_INVALID}. */
    public abstract String code();
}
