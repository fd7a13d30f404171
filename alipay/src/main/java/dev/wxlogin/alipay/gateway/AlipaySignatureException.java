package dev.wxlogin.alipay.gateway;

import dev.wxlogin.alipay.AlipayException;

/**
 * An answer from "Alipay" is not proven to come from Alipay: it must not be used. Either the Alipay public
 * key configured for the app is wrong, or something between us and Alipay changed the answer.
 */
public final class AlipaySignatureException extends AlipayException {

    /** Each way the proof can fail, with its stable code. */
    public enum Reason {
        /** A successful answer without a {@code sign}: Alipay signs every one. */
        RESPONSE_UNSIGNED("ALIPAY_RESPONSE_UNSIGNED"),
        /** The {@code sign} does not verify with the app's Alipay public key over the answer's exact text. */
        RESPONSE_SIGNATURE_INVALID("ALIPAY_RESPONSE_SIGNATURE_INVALID");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public AlipaySignatureException(Reason reason, String message) {
        super(message, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return reason.code();
    }
}
