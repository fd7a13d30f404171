package dev.wxlogin.douyin;

/** Douyin could not be reached in time, or answered something that is not its API. */
public final class DouyinUnavailableException extends DouyinException {

    /** What went wrong on the way. */
    public enum Kind {
        /** The connection could not be made. Nothing reached Douyin. */
        UNREACHABLE("DOUYIN_UNREACHABLE"),
        /** No answer within the configured timeout. Douyin may have spent the codes. */
        TIMEOUT("DOUYIN_TIMEOUT"),
        /** An HTTP error status without err_no, a body that is not JSON, or JSON without the expected fields. */
        BAD_RESPONSE("DOUYIN_BAD_RESPONSE");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public DouyinUnavailableException(Kind kind, String message, Throwable cause) {
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
