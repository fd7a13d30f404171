package dev.wxlogin.alipay.gateway;

import dev.wxlogin.alipay.AlipayException;

/** Alipay could not be reached in time, or answered something that is not its gateway's answer. */
public final class AlipayUnavailableException extends AlipayException {

    /** What went wrong on the way. */
    public enum Kind {
        /** The connection could not be made. Nothing reached Alipay. */
        UNREACHABLE("ALIPAY_UNREACHABLE"),
        /** No answer within the configured timeout. The call may or may not have taken effect. */
        TIMEOUT("ALIPAY_TIMEOUT"),
        /** An HTTP error status, a body that is not JSON, or JSON without the expected answer. */
        BAD_RESPONSE("ALIPAY_BAD_RESPONSE");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public AlipayUnavailableException(Kind kind, String message, Throwable cause) {
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
