package dev.wxlogin.alipay.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.TestKeys;
import dev.wxlogin.alipay.gateway.AlipayError;
import dev.wxlogin.alipay.keys.ContentKey;
import dev.wxlogin.alipay.sign.Rsa2Signature;

class PhoneNumberDecryptorTest {

    private static final AlipayApp APP = TestKeys.app("2021000000000001");
    private final PhoneNumberDecryptor decryptor = new PhoneNumberDecryptor();

    /** Made as Alipay's sample reads it: AES of the answer, signed over the base64 with its quotes. */
    private static String encrypted(String answer, String contentKey) {
        String ciphertext = Base64.getEncoder().encodeToString(
                ContentKey.fromBase64(contentKey).encrypt(answer.getBytes(StandardCharsets.UTF_8)));
        String sign = Rsa2Signature.sign("\"" + ciphertext + "\"", TestKeys.ALIPAY.getPrivate());
        return "{\"response\":\"" + ciphertext + "\",\"sign\":\"" + sign
                + "\",\"sign_type\":\"RSA2\",\"encrypt_type\":\"AES\",\"charset\":\"UTF-8\"}";
    }

    @Test
    void verifiesThenDecryptsTheNumber() {
        String response = encrypted("{\"code\":\"10000\",\"msg\":\"Success\",\"mobile\":\"13800138000\"}", TestKeys.CONTENT_KEY);

        assertThat(decryptor.decrypt(APP, response).mobile()).isEqualTo("13800138000");
    }

    @Test
    void acceptsASignedAnswerInClearAsAlipaySendsWithoutContentKey() {
        String answer = "{\"code\":\"10000\",\"msg\":\"Success\",\"mobile\":\"13800138000\"}";
        String response = "{\"response\":" + com(answer) + ",\"sign\":\"" + Rsa2Signature.sign(answer, TestKeys.ALIPAY.getPrivate()) + "\"}";

        assertThat(decryptor.decrypt(APP, response).mobile()).isEqualTo("13800138000");
    }

    @Test
    void reportsAlipaysRefusalByItsSubCode() {
        String response = encrypted("{\"code\":\"40003\",\"msg\":\"Insufficient Conditions\",\"subCode\":\"isv.invalid-auth-relations\","
                + "\"subMsg\":\"无效的授权关系\"}", TestKeys.CONTENT_KEY);

        assertThatThrownBy(() -> decryptor.decrypt(APP, response)).isInstanceOfSatisfying(AlipayPhoneException.class, e -> {
            assertThat(e.reason()).isEqualTo(AlipayPhoneException.Reason.REFUSED);
            assertThat(e.error()).hasValue(AlipayError.INVALID_AUTH_RELATIONS);
            assertThat(e.code()).isEqualTo("ALIPAY_NOT_AUTHORIZED");
        });
    }

    @Test
    void refusesWhatCannotBeTrustedOrRead() {
        String good = encrypted("{\"code\":\"10000\",\"msg\":\"Success\",\"mobile\":\"13800138000\"}", TestKeys.CONTENT_KEY);
        String otherKey = Base64.getEncoder().encodeToString("fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

        assertReason(good.replaceFirst("\"sign\":\"[^\"]+\",", ""), AlipayPhoneException.Reason.UNSIGNED);
        assertReason(good.replaceFirst("\"response\":\"(.)", "\"response\":\"A$1").replaceFirst("\"response\":\"AA", "\"response\":\"AB"),
                AlipayPhoneException.Reason.SIGNATURE_INVALID);
        assertReason(encrypted("{\"code\":\"10000\",\"mobile\":\"13800138000\"}", otherKey), AlipayPhoneException.Reason.DECRYPTION_FAILED);
        assertReason(encrypted("{\"code\":\"10000\",\"msg\":\"Success\"}", TestKeys.CONTENT_KEY), AlipayPhoneException.Reason.NOT_A_PHONE_NUMBER);
        assertReason(good.replace("\"sign_type\":\"RSA2\"", "\"sign_type\":\"RSA\""), AlipayPhoneException.Reason.UNSUPPORTED_ALGORITHM);
        assertReason(good.replace("\"charset\":\"UTF-8\"", "\"charset\":\"GBK\""), AlipayPhoneException.Reason.UNSUPPORTED_ALGORITHM);
        assertReason("13800138000", AlipayPhoneException.Reason.MALFORMED);
        assertReason("{\"sign\":\"abc\"}", AlipayPhoneException.Reason.MALFORMED);
        assertReason(null, AlipayPhoneException.Reason.MALFORMED);

        AlipayApp withoutKey = AlipayApp.of(APP.appId(), TestKeys.pem("PRIVATE KEY", TestKeys.APP.getPrivate().getEncoded()),
                TestKeys.pem("PUBLIC KEY", TestKeys.ALIPAY.getPublic().getEncoded()), null);
        assertThatThrownBy(() -> decryptor.decrypt(withoutKey, good)).isInstanceOfSatisfying(AlipayPhoneException.class,
                e -> assertThat(e.reason()).isEqualTo(AlipayPhoneException.Reason.CONTENT_KEY_NOT_CONFIGURED));
    }

    @Test
    void neverPrintsTheWholeNumber() {
        assertThat(new AlipayPhoneNumber("13800138000").toString()).doesNotContain("13800138000").contains("****");
    }

    private void assertReason(String response, AlipayPhoneException.Reason reason) {
        assertThatThrownBy(() -> decryptor.decrypt(APP, response)).isInstanceOfSatisfying(AlipayPhoneException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.code()).isEqualTo(reason.code());
        });
    }

    /** A JSON string literal of {@code text}. */
    private static String com(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
