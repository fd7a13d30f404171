package dev.wxlogin.wechat;

/**
 * Base of every failure the core reports. {@link #code()} is stable and machine-readable, meant
 * for clients and dashboards; the message is for people and never contains a secret.
 */
public abstract class WeChatException extends RuntimeException {

    protected WeChatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable upper-case code such as {@code WX_CODE_INVALID}. */
    public abstract String code();
}
