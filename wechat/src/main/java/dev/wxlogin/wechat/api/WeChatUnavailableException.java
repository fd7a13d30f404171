package dev.wxlogin.wechat.api;

import dev.wxlogin.wechat.WeChatException;

/** WeChat could not be reached in time, or answered something that is not its API. */
public final class WeChatUnavailableException extends WeChatException {

    /** What went wrong on the way. */
    public enum Kind {
        /** The connection could not be made. Nothing reached WeChat. */
        UNREACHABLE("WX_UNREACHABLE"),
        /** No answer within the configured timeout. The call may or may not have taken effect. */
        TIMEOUT("WX_TIMEOUT"),
        /** An HTTP error status, a body that is not JSON, or JSON without the expected fields. */
        BAD_RESPONSE("WX_BAD_RESPONSE");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public WeChatUnavailableException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String code() {
        return kind.code();
    }
}
