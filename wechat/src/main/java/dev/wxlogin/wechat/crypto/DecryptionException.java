package dev.wxlogin.wechat.crypto;

import dev.wxlogin.wechat.WeChatException;

/** Data the client sent cannot be decrypted or cannot be trusted. */
public final class DecryptionException extends WeChatException {

    /** Each way encrypted data or a signature can fail, with its stable code. */
    public enum Reason {
        /** The session_key is not base64 of 16 bytes. */
        INVALID_SESSION_KEY("DATA_KEY_INVALID"),
        /** The iv is missing, not base64, or not 16 bytes. */
        INVALID_IV("DATA_IV_INVALID"),
        /** encryptedData is missing, not base64, or not whole AES blocks. */
        INVALID_CIPHERTEXT("DATA_ENCRYPTED_INVALID"),
        /**
         * The data was encrypted with another key, most often a session_key that a newer
         * {@code wx.login} replaced: the PKCS#7 padding is wrong after decryption or, when the
         * padding happens to check out (about one time in 256), the bytes are not UTF-8.
         */
        WRONG_KEY("DATA_DECRYPT_FAILED"),
        /** The plaintext is UTF-8 text but not a JSON object. */
        MALFORMED_PLAINTEXT("DATA_NOT_JSON"),
        /** The plaintext has no {@code watermark} with an appid and a timestamp. */
        WATERMARK_MISSING("DATA_WATERMARK_MISSING"),
        /** The watermark names another mini program. */
        WATERMARK_APPID_MISMATCH("DATA_WATERMARK_APPID_MISMATCH"),
        /** The watermark is older than the configured maximum age. */
        WATERMARK_EXPIRED("DATA_WATERMARK_EXPIRED"),
        /** The watermark lies further in the future than clock skew explains. */
        WATERMARK_IN_FUTURE("DATA_WATERMARK_IN_FUTURE"),
        /** The data decrypted and is ours, but lacks the fields of a phone number. */
        NOT_A_PHONE_NUMBER("DATA_NOT_PHONE_NUMBER"),
        /** The rawData signature does not match. */
        SIGNATURE_MISMATCH("DATA_SIGNATURE_INVALID");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public DecryptionException(Reason reason, String message) {
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
