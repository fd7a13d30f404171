package dev.wxlogin.alipay;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Key pairs made once per test JVM (RSA generation is slow), and their text forms. */
public final class TestKeys {

    /** Plays the app's key pair. */
    public static final KeyPair APP = rsa(2048);
    /** Plays Alipay's key pair. */
    public static final KeyPair ALIPAY = rsa(2048);
    /** A content key as the console shows it. */
    public static final String CONTENT_KEY = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private TestKeys() {
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The PKCS#1 RSAPrivateKey inside a JDK PKCS#8 encoding of a 2048-bit key (after its 26-byte header). */
    public static byte[] pkcs1(KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        return Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    }

    /** The app as configured: app private key, Alipay public key, content key. */
    public static AlipayApp app(String appId) {
        return AlipayApp.of(appId, pem("PRIVATE KEY", APP.getPrivate().getEncoded()),
                pem("PUBLIC KEY", ALIPAY.getPublic().getEncoded()), CONTENT_KEY);
    }
}
