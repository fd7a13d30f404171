package dev.wxlogin.wechat.api;

import dev.wxlogin.wechat.WeChatException;

/** WeChat answered, with a non-zero errcode. */
public final class WeChatApiException extends WeChatException {

    private final WeChatError error;
    private final int errcode;
    private final String errmsg;

    public WeChatApiException(int errcode, String errmsg) {
        super("WeChat answered errcode " + errcode + (errmsg == null ? "" : ": " + errmsg), null);
        this.error = WeChatError.of(errcode);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    /** The errmsg exactly as sent, or {@code null}: for cores that reuse this transport for another platform (QQ). */
    public String errmsg() {
        return errmsg;
    }

    /** Which of the known errors this is. */
    public WeChatError error() {
        return error;
    }

    /** The numeric errcode exactly as WeChat sent it. */
    public int errcode() {
        return errcode;
    }

    @Override
    public String code() {
        return error.code();
    }
}
