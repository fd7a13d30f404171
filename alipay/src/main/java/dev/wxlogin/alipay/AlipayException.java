package dev.wxlogin.alipay;

/**
 * Base of every failure the Alipay core reports. {@link #code()} is stable and machine-readable, meant
 * for clients and dashboards; the message is for people and never contains a key, token or code.
 */
public abstract class AlipayException extends RuntimeException {

    protected AlipayException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable upper-case code such as {@code ALIPAY_CODE_INVALID}. */
    public abstract String code();
}
