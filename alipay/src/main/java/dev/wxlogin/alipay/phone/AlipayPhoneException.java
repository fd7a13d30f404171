package dev.wxlogin.alipay.phone;

import java.util.Optional;

import dev.wxlogin.alipay.AlipayException;
import dev.wxlogin.alipay.gateway.AlipayError;

/** What the page sent as its phone number cannot be trusted, cannot be read, or is Alipay's refusal. */
public final class AlipayPhoneException extends AlipayException {

    /** Each way it can fail, with its stable code. */
    public enum Reason {
        /** Not {@code my.getPhoneNumber}'s {@code response}: not JSON, or no {@code response} string in it. */
        MALFORMED("ALIPAY_PHONE_MALFORMED"),
        /** A {@code sign_type}, {@code encrypt_type} or {@code charset} other than RSA2, AES and UTF-8. */
        UNSUPPORTED_ALGORITHM("ALIPAY_PHONE_UNSUPPORTED_ALGORITHM"),
        /**
         * No {@code sign}: Alipay signs only when the app's signing method and gateway are set on the
         * console; without a signature the number cannot be trusted.
         */
        UNSIGNED("ALIPAY_PHONE_UNSIGNED"),
        /** The signature does not verify with the app's Alipay public key: forged, altered, or the wrong key configured. */
        SIGNATURE_INVALID("ALIPAY_PHONE_SIGNATURE_INVALID"),
        /** The answer is encrypted and the app has no content key configured. */
        CONTENT_KEY_NOT_CONFIGURED("ALIPAY_PHONE_CONTENT_KEY_NOT_CONFIGURED"),
        /** It does not decrypt with the app's content key: the key configured is not the console's current one. */
        DECRYPTION_FAILED("ALIPAY_PHONE_DECRYPTION_FAILED"),
        /** It decrypted to something that is not a successful answer with a {@code mobile}. */
        NOT_A_PHONE_NUMBER("ALIPAY_PHONE_NOT_A_PHONE_NUMBER"),
        /** Alipay's answer is an error (code and subCode): see {@link #error()}. */
        REFUSED("ALIPAY_PHONE_REFUSED");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final AlipayError error;

    public AlipayPhoneException(Reason reason, String message) {
        this(reason, null, message);
    }

    /** Alipay's refusal, as its decrypted answer gave it. */
    public AlipayPhoneException(AlipayError error, String message) {
        this(Reason.REFUSED, error, message);
    }

    private AlipayPhoneException(Reason reason, AlipayError error, String message) {
        super(message, null);
        this.reason = reason;
        this.error = error;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#REFUSED}, the error Alipay answered. */
    public Optional<AlipayError> error() {
        return Optional.ofNullable(error);
    }

    /** The reason's code; for a refusal, the code of Alipay's error (e.g. {@code ALIPAY_NOT_AUTHORIZED}). */
    @Override
    public String code() {
        return error != null ? error.code() : reason.code();
    }
}
