package dev.wxlogin.qq;

/** QQ could not be reached in time, or answered something that is not its API. */
public final class QqUnavailableException extends QqException {

    /** What went wrong on the way. */
    public enum Kind {
        /** The connection could not be made. Nothing reached QQ. */
        UNREACHABLE("QQ_UNREACHABLE"),
        /** No answer within the configured timeout. QQ may have spent the code. */
        TIMEOUT("QQ_TIMEOUT"),
        /** An HTTP error status, a body that is not JSON, or JSON without the expected fields. */
        BAD_RESPONSE("QQ_BAD_RESPONSE");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public QqUnavailableException(Kind kind, String message, Throwable cause) {
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
