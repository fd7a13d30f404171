package dev.wxlogin.alipay.keys;

import dev.wxlogin.alipay.AlipayException;

/** An Alipay app's configuration cannot be used; raised when the app is built, never per request. */
public final class AlipayKeyException extends AlipayException {

    /** Each way a configured value can be wrong, with its stable code. */
    public enum Reason {
        /** The APPID is missing or not digits. */
        APP_ID_INVALID("ALIPAY_CONFIG_APP_ID_INVALID"),
        /** The app private key is missing, not base64, or not a PKCS#8/PKCS#1 key. */
        PRIVATE_KEY_UNPARSEABLE("ALIPAY_CONFIG_PRIVATE_KEY_UNPARSEABLE"),
        /** A public key was given where the app private key goes. */
        PRIVATE_KEY_IS_PUBLIC("ALIPAY_CONFIG_PRIVATE_KEY_IS_PUBLIC"),
        /** The app private key is passphrase-protected; Alipay's tool writes plain PKCS#8. */
        PRIVATE_KEY_ENCRYPTED("ALIPAY_CONFIG_PRIVATE_KEY_ENCRYPTED"),
        /** The app private key is not an RSA key (e.g. EC or SM2). */
        PRIVATE_KEY_NOT_RSA("ALIPAY_CONFIG_PRIVATE_KEY_NOT_RSA"),
        /** The app private key is shorter than RSA2's 2048 bits (an old "RSA" 1024-bit key). */
        PRIVATE_KEY_TOO_SHORT("ALIPAY_CONFIG_PRIVATE_KEY_TOO_SHORT"),
        /** Alipay's public key is missing, not base64, or not an X.509 public key. */
        PUBLIC_KEY_UNPARSEABLE("ALIPAY_CONFIG_PUBLIC_KEY_UNPARSEABLE"),
        /** A private key was given where Alipay's public key goes. */
        PUBLIC_KEY_IS_PRIVATE("ALIPAY_CONFIG_PUBLIC_KEY_IS_PRIVATE"),
        /** A certificate was given: the app uses certificate mode ("公钥证书"), which this core does not support. */
        PUBLIC_KEY_IS_CERTIFICATE("ALIPAY_CONFIG_PUBLIC_KEY_IS_CERTIFICATE"),
        /** Alipay's public key is not an RSA key. */
        PUBLIC_KEY_NOT_RSA("ALIPAY_CONFIG_PUBLIC_KEY_NOT_RSA"),
        /** Alipay's public key is shorter than 2048 bits. */
        PUBLIC_KEY_TOO_SHORT("ALIPAY_CONFIG_PUBLIC_KEY_TOO_SHORT"),
        /** The content key is not base64 of a 128-, 192- or 256-bit AES key. */
        CONTENT_KEY_INVALID("ALIPAY_CONFIG_CONTENT_KEY_INVALID");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public AlipayKeyException(Reason reason, String message) {
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
