package dev.wxlogin.qq;

/**
 * Base of every failure of a call to QQ. {@link #code()} is stable and machine-readable; the message is
 * for people and never contains a secret.
 */
public abstract class QqException extends RuntimeException {

    protected QqException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable upper-case code such as {@code QQ_CODE_INVALID}. */
    public abstract String code();
}
