package dev.wxlogin.alipay.gateway;

import dev.wxlogin.alipay.AlipayException;

/**
 * Alipay answered with an error: {@code code}, {@code msg}, {@code sub_code}, {@code sub_msg}. The
 * message carries the codes and {@code msg} only: Alipay's {@code sub_msg} can quote the request (its
 * answer to a bad signature quotes the signed content, auth code included), so it stays in
 * {@link #subMsg()} for whoever decides it is safe to show.
 */
public final class AlipayApiException extends AlipayException {

    private final AlipayError error;
    private final String gatewayCode;
    private final String msg;
    private final String subCode;
    private final String subMsg;

    public AlipayApiException(String gatewayCode, String msg, String subCode, String subMsg) {
        super("Alipay answered " + gatewayCode + (msg == null ? "" : " " + msg) + (subCode == null ? "" : " (" + subCode + ")"), null);
        this.error = AlipayError.of(gatewayCode, subCode);
        this.gatewayCode = gatewayCode;
        this.msg = msg;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    /** Which of the known errors this is. */
    public AlipayError error() {
        return error;
    }

    /** Alipay's {@code code} exactly as sent, e.g. {@code 40002}. */
    public String gatewayCode() {
        return gatewayCode;
    }

    /** Alipay's {@code msg}, e.g. {@code Invalid Arguments}. */
    public String msg() {
        return msg;
    }

    /** Alipay's {@code sub_code} exactly as sent, or null. */
    public String subCode() {
        return subCode;
    }

    /** Alipay's {@code sub_msg}; may quote request content, so not part of the message. */
    public String subMsg() {
        return subMsg;
    }

    @Override
    public String code() {
        return error.code();
    }
}
