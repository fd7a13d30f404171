package dev.wxlogin.qq;

/** QQ answered, with a non-zero errcode. */
public final class QqApiException extends QqException {

    private final QqError error;
    private final int errcode;
    private final String errmsg;

    /**
     * @param errcode the errcode exactly as QQ sent it
     * @param errmsg  the errmsg, or {@code null} (QQ often sends it empty)
     */
    public QqApiException(int errcode, String errmsg) {
        super("QQ answered errcode " + errcode + (errmsg == null || errmsg.isEmpty() ? "" : ": " + errmsg), null);
        this.error = QqError.of(errcode);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    /** Which of the known errors this is. */
    public QqError error() {
        return error;
    }

    /** The errcode exactly as QQ sent it. */
    public int errcode() {
        return errcode;
    }

    /** QQ's errmsg, or {@code null}. */
    public String errmsg() {
        return errmsg;
    }

    @Override
    public String code() {
        return error.code();
    }
}
