package dev.wxlogin.alipay.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.TestKeys;

class AppKeyValidationTest {

    private static final String APP_PRIVATE = TestKeys.pem("PRIVATE KEY", TestKeys.APP.getPrivate().getEncoded());
    private static final String ALIPAY_PUBLIC = TestKeys.pem("PUBLIC KEY", TestKeys.ALIPAY.getPublic().getEncoded());

    @Test
    void readsPkcs8PemAndTheBareBase64OfAlipaysKeyTool() {
        AlipayApp fromPem = AlipayApp.of("2021000000000001", APP_PRIVATE, ALIPAY_PUBLIC, TestKeys.CONTENT_KEY);
        AlipayApp fromBase64 = AlipayApp.of("2021000000000001",
                Base64.getEncoder().encodeToString(TestKeys.APP.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(TestKeys.ALIPAY.getPublic().getEncoded()), TestKeys.CONTENT_KEY);

        assertThat(fromPem.appPrivateKey()).isEqualTo(TestKeys.APP.getPrivate());
        assertThat(fromBase64.appPrivateKey()).isEqualTo(TestKeys.APP.getPrivate());
        assertThat(fromBase64.alipayPublicKey()).isEqualTo(TestKeys.ALIPAY.getPublic());
        assertThat(fromPem.contentKey()).get().extracting(ContentKey::bits).isEqualTo(128);
    }

    @Test
    void readsPkcs1PrivateKeysAsTheToolWritesThemForOtherLanguages() {
        String pkcs1Pem = TestKeys.pem("RSA PRIVATE KEY", TestKeys.pkcs1(TestKeys.APP));
        String pkcs1Bare = Base64.getEncoder().encodeToString(TestKeys.pkcs1(TestKeys.APP));

        assertThat(KeyText.privateKey(pkcs1Pem)).isEqualTo(TestKeys.APP.getPrivate());
        assertThat(KeyText.privateKey(pkcs1Bare)).isEqualTo(TestKeys.APP.getPrivate());
    }

    @Test
    void anAppWithoutContentKeyHasNone() {
        assertThat(AlipayApp.of("2021000000000001", APP_PRIVATE, ALIPAY_PUBLIC, " ").contentKey()).isEmpty();
    }

    @Test
    void namesEachWrongPrivateKey() {
        assertReason(() -> KeyText.privateKey(""), AlipayKeyException.Reason.PRIVATE_KEY_UNPARSEABLE);
        assertReason(() -> KeyText.privateKey("this is not a key"), AlipayKeyException.Reason.PRIVATE_KEY_UNPARSEABLE);
        assertReason(() -> KeyText.privateKey(Base64.getEncoder().encodeToString(new byte[300])),
                AlipayKeyException.Reason.PRIVATE_KEY_UNPARSEABLE);
        assertReason(() -> KeyText.privateKey(ALIPAY_PUBLIC), AlipayKeyException.Reason.PRIVATE_KEY_IS_PUBLIC);
        assertReason(() -> KeyText.privateKey(Base64.getEncoder().encodeToString(TestKeys.ALIPAY.getPublic().getEncoded())),
                AlipayKeyException.Reason.PRIVATE_KEY_IS_PUBLIC);
        assertReason(() -> KeyText.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----"),
                AlipayKeyException.Reason.PRIVATE_KEY_ENCRYPTED);
        assertReason(() -> KeyText.privateKey(TestKeys.pem("PRIVATE KEY", EC.getPrivate().getEncoded())),
                AlipayKeyException.Reason.PRIVATE_KEY_NOT_RSA);
        String short1024 = TestKeys.pem("PRIVATE KEY", TestKeys.rsa(1024).getPrivate().getEncoded());
        assertReason(() -> AlipayApp.of("2021000000000001", short1024, ALIPAY_PUBLIC, null),
                AlipayKeyException.Reason.PRIVATE_KEY_TOO_SHORT);
    }

    @Test
    void namesEachWrongAlipayPublicKey() {
        assertReason(() -> KeyText.publicKey(null), AlipayKeyException.Reason.PUBLIC_KEY_UNPARSEABLE);
        assertReason(() -> KeyText.publicKey("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"), AlipayKeyException.Reason.PUBLIC_KEY_UNPARSEABLE);
        assertReason(() -> KeyText.publicKey(APP_PRIVATE), AlipayKeyException.Reason.PUBLIC_KEY_IS_PRIVATE);
        assertReason(() -> KeyText.publicKey(Base64.getEncoder().encodeToString(TestKeys.APP.getPrivate().getEncoded())),
                AlipayKeyException.Reason.PUBLIC_KEY_IS_PRIVATE);
        assertReason(() -> KeyText.publicKey("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
                AlipayKeyException.Reason.PUBLIC_KEY_IS_CERTIFICATE);
        assertReason(() -> KeyText.publicKey(TestKeys.pem("PUBLIC KEY", EC.getPublic().getEncoded())),
                AlipayKeyException.Reason.PUBLIC_KEY_NOT_RSA);
        String short1024 = TestKeys.pem("PUBLIC KEY", TestKeys.rsa(1024).getPublic().getEncoded());
        assertReason(() -> AlipayApp.of("2021000000000001", APP_PRIVATE, short1024, null),
                AlipayKeyException.Reason.PUBLIC_KEY_TOO_SHORT);
    }

    @Test
    void namesAWrongContentKeyAndAppId() {
        assertReason(() -> ContentKey.fromBase64("not-base64!"), AlipayKeyException.Reason.CONTENT_KEY_INVALID);
        assertReason(() -> ContentKey.fromBase64(Base64.getEncoder().encodeToString(new byte[15])),
                AlipayKeyException.Reason.CONTENT_KEY_INVALID);
        assertReason(() -> AlipayApp.of("wx123", APP_PRIVATE, ALIPAY_PUBLIC, null), AlipayKeyException.Reason.APP_ID_INVALID);
        assertReason(() -> AlipayApp.of(null, APP_PRIVATE, ALIPAY_PUBLIC, null), AlipayKeyException.Reason.APP_ID_INVALID);
    }

    @Test
    void neverPrintsOrQuotesAKey() {
        AlipayApp app = AlipayApp.of("2021000000000001", APP_PRIVATE, ALIPAY_PUBLIC, TestKeys.CONTENT_KEY);
        String bare = Base64.getEncoder().encodeToString(TestKeys.APP.getPrivate().getEncoded());

        assertThat(app.toString()).contains("2021000000000001").doesNotContain(bare.substring(40, 80))
                .doesNotContain(TestKeys.CONTENT_KEY);
        assertThat(app.contentKey().orElseThrow().toString()).doesNotContain(TestKeys.CONTENT_KEY);
        assertThatThrownBy(() -> KeyText.publicKey(bare.substring(0, 200) + "!"))
                .isInstanceOf(AlipayKeyException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bare.substring(20, 60)));
    }

    private static final KeyPair EC = ec();

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertReason(Runnable call, AlipayKeyException.Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(AlipayKeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(reason.code()).startsWith("ALIPAY_CONFIG_");
                });
    }
}
