package dev.wxlogin.alipay;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.alipay.keys.AlipayKeyException;
import dev.wxlogin.alipay.keys.ContentKey;
import dev.wxlogin.alipay.keys.KeyText;

/**
 * One Alipay mini program as the server knows it. Passed explicitly to every call, so one client serves
 * any number of apps.
 *
 * @param appId           the mini program's APPID, e.g. {@code 2021000000000001}
 * @param appPrivateKey   the app's RSA2 private key ("应用私钥"), which signs our requests; Alipay holds
 *                        its public half, uploaded on the open platform console
 * @param alipayPublicKey Alipay's public key for this app ("支付宝公钥"), which verifies Alipay's answers
 *                        and the phone number
 * @param contentKey      the app's content-encryption key ("接口内容加密方式", AES), which decrypts the phone
 *                        number; empty when the app does not use phone numbers
 */
public record AlipayApp(String appId, PrivateKey appPrivateKey, PublicKey alipayPublicKey, Optional<ContentKey> contentKey) {

    /** RSA2 is SHA256withRSA with keys of at least 2048 bits, as Alipay's key tool makes them. */
    public static final int MIN_RSA_BITS = 2048;

    public AlipayApp {
        Objects.requireNonNull(appPrivateKey, "appPrivateKey");
        Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
        Objects.requireNonNull(contentKey, "contentKey");
        appId = requireAppId(appId);
        if (!(appPrivateKey instanceof RSAPrivateKey rsaPrivate)) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_NOT_RSA,
                    "the app private key of " + appId + " is a " + appPrivateKey.getAlgorithm() + " key; RSA2 needs an RSA key");
        }
        if (rsaPrivate.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_TOO_SHORT, "the app private key of " + appId
                    + " has " + rsaPrivate.getModulus().bitLength() + " bits; RSA2 needs at least " + MIN_RSA_BITS);
        }
        if (!(alipayPublicKey instanceof RSAPublicKey rsaPublic)) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_NOT_RSA,
                    "the Alipay public key of " + appId + " is a " + alipayPublicKey.getAlgorithm() + " key; RSA2 needs an RSA key");
        }
        if (rsaPublic.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_TOO_SHORT, "the Alipay public key of " + appId
                    + " has " + rsaPublic.getModulus().bitLength() + " bits; RSA2 needs at least " + MIN_RSA_BITS);
        }
    }

    /**
     * An app from its configuration text, each key validated with a precise error.
     *
     * @param appId           the APPID
     * @param appPrivateKey   PKCS#8 ("PKCS8(JAVA适用)") or PKCS#1 RSA private key, PEM or bare base64
     * @param alipayPublicKey Alipay's public key, X.509 SubjectPublicKeyInfo, PEM or bare base64
     * @param contentKey      the AES content key as the console shows it (base64), or {@code null}/blank for none
     * @throws AlipayKeyException naming which value is wrong and how; never quoting it
     */
    public static AlipayApp of(String appId, String appPrivateKey, String alipayPublicKey, String contentKey) {
        String id = requireAppId(appId);
        return new AlipayApp(id, KeyText.privateKey(appPrivateKey), KeyText.publicKey(alipayPublicKey),
                contentKey == null || contentKey.isBlank() ? Optional.empty() : Optional.of(ContentKey.fromBase64(contentKey)));
    }

    private static String requireAppId(String appId) {
        // Alipay's APPIDs are 16 digits; allow any short token of digits so tests and sandboxes may differ.
        if (appId == null || !appId.matches("[0-9]{1,32}")) {
            throw new AlipayKeyException(AlipayKeyException.Reason.APP_ID_INVALID,
                    "an Alipay APPID is up to 32 digits, e.g. 2021000000000001");
        }
        return appId;
    }

    @Override
    public String toString() {
        return "AlipayApp[appId=" + appId + ", appPrivateKey=***, alipayPublicKey=RSA-"
                + ((RSAPublicKey) alipayPublicKey).getModulus().bitLength() + ", contentKey=" + (contentKey.isPresent() ? "***" : "none") + "]";
    }
}
