package dev.wxlogin.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.phone.AlipayPhoneException;
import dev.wxlogin.alipay.phone.AlipayPhoneException.Reason;
import tools.jackson.databind.JsonNode;

class PhoneNumberAgainstSandboxTest {

    private final AlipayCoreAgainstSandbox world = new AlipayCoreAgainstSandbox();

    @AfterEach
    void close() {
        world.close();
    }

    /** {@code res.response} of my.getPhoneNumber, from the simulated phone over HTTP. */
    private String response(String fault) {
        JsonNode answer = world.post("/sandbox/phone/alipay/phone-number",
                "{\"user\":\"alice\",\"mobile\":\"13800138000\"" + (fault == null ? "" : ",\"fault\":\"" + fault + "\"") + "}");
        assertThat(answer.get("status").asInt()).isEqualTo(200);
        return answer.get("response").stringValue();
    }

    @Test
    void verifiesAndDecryptsThePhonesNumberWithTheDemoAppsKeys() {
        String response = response(null);

        assertThat(response).contains("\"sign_type\":\"RSA2\"", "\"encrypt_type\":\"AES\"", "\"charset\":\"UTF-8\"")
                .doesNotContain("13800138000");
        assertThat(world.phoneNumbers.decrypt(world.demoApp(), response).mobile()).isEqualTo("13800138000");
    }

    @Test
    void aTamperedOrForeignOrMissingSignatureIsRefusedBeforeDecrypting() {
        assertReason(world.demoApp(), response("tampered_ciphertext"), Reason.SIGNATURE_INVALID);
        assertReason(world.demoApp(), response("foreign_signature"), Reason.SIGNATURE_INVALID);
        assertReason(world.demoApp(), response("unsigned"), Reason.UNSIGNED);
    }

    @Test
    void aContentKeyThatIsNotTheConsolesFailsToDecrypt() {
        AlipayDemoApp demo = world.alipay.demoApp();
        AlipayApp staleKey = AlipayApp.of(demo.appId(), demo.appPrivateKeyPem(), demo.alipayPublicKeyPem(),
                world.userIdApp.contentKeyBase64());

        assertReason(staleKey, response(null), Reason.DECRYPTION_FAILED);
        assertReason(world.demoApp(), response("other_content_key"), Reason.DECRYPTION_FAILED);
    }

    @Test
    void anAppWithoutContentKeyCannotReadTheNumber() {
        AlipayDemoApp demo = world.alipay.demoApp();
        AlipayApp noKey = AlipayApp.of(demo.appId(), demo.appPrivateKeyPem(), demo.alipayPublicKeyPem(), null);

        assertReason(noKey, response(null), Reason.CONTENT_KEY_NOT_CONFIGURED);
    }

    @Test
    void aUserWhoDidNotAuthoriseGetsAlipaysRefusal() {
        assertThatThrownBy(() -> world.phoneNumbers.decrypt(world.demoApp(), response("not_authorized")))
                .isInstanceOfSatisfying(AlipayPhoneException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.code()).isEqualTo("ALIPAY_NOT_AUTHORIZED");
                });
    }

    @Test
    void badInputToThePhoneIsA400WithItsReason() {
        JsonNode answer = world.post("/sandbox/phone/alipay/phone-number", "{\"user\":\"alice\",\"mobile\":\"not a number\"}");

        assertThat(answer.get("status").asInt()).isEqualTo(400);
        assertThat(answer.get("error").stringValue()).contains("mobile");

        JsonNode badFault = world.post("/sandbox/phone/alipay/phone-number", "{\"user\":\"alice\",\"mobile\":\"13800138000\",\"fault\":\"bogus\"}");
        assertThat(badFault.get("status").asInt()).isEqualTo(400);
        assertThat(badFault.get("error").stringValue()).contains("TAMPERED_CIPHERTEXT");

        JsonNode unknownApp = world.post("/sandbox/phone/alipay/login", "{\"user\":\"alice\",\"appid\":\"2021000000000099\"}");
        assertThat(unknownApp.get("status").asInt()).isEqualTo(400);
        assertThat(unknownApp.get("error").stringValue()).contains("2021000000000099");
    }

    private void assertReason(AlipayApp app, String response, Reason reason) {
        assertThatThrownBy(() -> world.phoneNumbers.decrypt(app, response))
                .isInstanceOfSatisfying(AlipayPhoneException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
