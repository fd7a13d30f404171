package dev.wxlogin.sandbox.alipay;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.keys.ContentKey;

/**
 * An Alipay app with everything its developer would configure in wxlogin, made up for the sandbox: an
 * RSA2 key pair (as Alipay's key tool makes), a fresh AES content key (as the console generates), and the
 * sandbox's "Alipay" public key. Made at run time (the demo app's key pair once per process,
 * {@link SandboxAlipayKeys}), so nothing here is a secret anywhere else; still never printed.
 *
 * @param appId              its APPID
 * @param appPrivateKeyPem   the app's private key, PKCS#8 PEM, as {@code WXLOGIN_APPS} would take it
 * @param appPublicKey       its public half, which the sandbox "Alipay" holds
 * @param alipayPublicKeyPem the sandbox Alipay's public key, X.509 PEM
 * @param contentKeyBase64   the content key, base64 as the console shows it
 */
public record AlipayDemoApp(String appId, String appPrivateKeyPem, PublicKey appPublicKey, String alipayPublicKeyPem,
                            String contentKeyBase64) {

    /** The demo app's APPID in sandbox mode: 16 digits like a real one, recognisably made up. */
    public static final String DEMO_APP_ID = "2021000000000001";

    public AlipayDemoApp {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appPrivateKeyPem, "appPrivateKeyPem");
        Objects.requireNonNull(appPublicKey, "appPublicKey");
        Objects.requireNonNull(alipayPublicKeyPem, "alipayPublicKeyPem");
        Objects.requireNonNull(contentKeyBase64, "contentKeyBase64");
    }

    /** A new app under {@code appId} whose answers the given sandbox Alipay key signs. */
    public static AlipayDemoApp generate(String appId, PublicKey alipayPublicKey) {
        return withKeys(appId, RsaKeyPairs.generate(), alipayPublicKey);
    }

    /** An app under {@code appId} with the given key pair and a fresh content key. */
    static AlipayDemoApp withKeys(String appId, KeyPair pair, PublicKey alipayPublicKey) {
        byte[] content = new byte[16];
        new SecureRandom().nextBytes(content);
        return new AlipayDemoApp(appId, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), pair.getPublic(),
                pem("PUBLIC KEY", alipayPublicKey.getEncoded()), Base64.getEncoder().encodeToString(content));
    }

    /** PEM armour around DER, 64 characters a line. */
    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The app as the core takes it: what the service configures for it. */
    public AlipayApp toAlipayApp() {
        return AlipayApp.of(appId, appPrivateKeyPem, alipayPublicKeyPem, contentKeyBase64);
    }

    /** The app as the sandbox Alipay knows it. */
    public SandboxAlipayApp registration(boolean openIdMode) {
        return new SandboxAlipayApp(appId, appPublicKey, ContentKey.fromBase64(contentKeyBase64), openIdMode);
    }

    /** The app's public key, PEM: what its developer uploads on the console. */
    public String appPublicKeyPem() {
        return pem("PUBLIC KEY", appPublicKey.getEncoded());
    }

    @Override
    public String toString() {
        return "AlipayDemoApp[appId=" + appId + ", appPrivateKey=***, contentKey=***]";
    }
}
