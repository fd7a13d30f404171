package dev.wxlogin.douyin;

/** Douyin answered, with a non-zero {@code err_no}. */
public final class DouyinApiException extends DouyinException {

    private static final int MAX_TIPS_LENGTH = 200;

    private final DouyinError error;
    private final long errNo;
    private final String errTips;

    /**
     * @param errNo   the err_no exactly as Douyin sent it
     * @param errTips the err_tips, or {@code null}; cut short and stripped of control characters
     */
    public DouyinApiException(long errNo, String errTips) {
        super("Douyin answered err_no " + errNo + (errTips == null ? "" : ": " + printable(errTips)), null);
        this.error = DouyinError.of(errNo);
        this.errNo = errNo;
        this.errTips = printable(errTips);
    }

    /** Which of the known errors this is. */
    public DouyinError error() {
        return error;
    }

    /** The err_no exactly as Douyin sent it. */
    public long errNo() {
        return errNo;
    }

    /** Douyin's err_tips, or {@code null}. */
    public String errTips() {
        return errTips;
    }

    @Override
    public String code() {
        return error.code();
    }

    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > MAX_TIPS_LENGTH ? cleaned.substring(0, MAX_TIPS_LENGTH) + "…" : cleaned;
    }
}
