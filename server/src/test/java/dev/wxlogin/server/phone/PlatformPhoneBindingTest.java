package dev.wxlogin.server.phone;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPhone.EncryptedPhone;
import dev.wxlogin.sandbox.alipay.AlipayDemoApp;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import dev.wxlogin.sandbox.alipay.SimulatedAlipayPhone.PhoneNumberFault;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.PlatformLogins;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.Platform;

/**
 * {@code POST /api/v1/me/phone} on every platform, over HTTP against the sandbox: QQ and Douyin users bind
 * the button's encryptedData (decrypted with their stored session key, watermark checked), Alipay users the
 * signed {@code my.getPhoneNumber} response; each platform's number comes only in its own shape.
 */
@RedisMatrix
@ServiceTest
class PlatformPhoneBindingTest {

    private static final String MOBILE = "13912345678";

    @Autowired
    SandboxAlipay alipay;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture PlatformLogins logins;

    @Test
    void aQqUserBindsTheButtonsEncryptedNumber() {
        LoggedIn user = logins.loginNew(Platform.QQ, "bind-qq");
        EncryptedPhone encrypted = phone.encryptedPhone(PlatformLogins.demoAppid(Platform.QQ), user.user(), "13700001111", "86", Map.of());

        Response bound = bind(user, Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv()));

        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        assertThat(bound.json().get("phoneNumber").asString()).isEqualTo("137****1111");
        Response read = client.get("/api/v1/me/phone?reveal=true", user.accessToken());
        assertThat(read.json().get("purePhoneNumber").asString()).isEqualTo("13700001111");
    }

    @Test
    void aDouyinUserBindsTheButtonsEncryptedNumber() {
        LoggedIn user = logins.loginNew(Platform.DOUYIN, "bind-douyin");
        EncryptedPhone encrypted = phone.encryptedPhone(PlatformLogins.demoAppid(Platform.DOUYIN), user.user());

        Response bound = bind(user, Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv()), "?reveal=true");

        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        assertThat(bound.json().get("purePhoneNumber").asString()).isEqualTo(encrypted.purePhoneNumber());
        assertThat(bound.json().get("masked").asBoolean()).isFalse();
    }

    @Test
    void dataEncryptedForAnotherSessionIsOneDecryptionFailure() {
        LoggedIn user = logins.loginNew(Platform.DOUYIN, "bind-douyin-key");
        LoggedIn other = logins.loginNew(Platform.DOUYIN, "bind-douyin-other");
        EncryptedPhone othersData = phone.encryptedPhone(PlatformLogins.demoAppid(Platform.DOUYIN), other.user());

        assertError(bind(user, Map.of("encryptedData", othersData.encryptedData(), "iv", othersData.iv())), 400, "DATA_DECRYPT_FAILED");
        assertThat(client.get("/api/v1/me/phone", user.accessToken()).status()).as("nothing bound").isEqualTo(404);
    }

    @Test
    void aWatermarkOfAnotherAppIsOneDecryptionFailure() {
        LoggedIn user = logins.loginNew(Platform.QQ, "bind-qq-forged");
        EncryptedPhone forged = phone.encryptedPhone(PlatformLogins.demoAppid(Platform.QQ), user.user(), null, null,
                Map.of("watermarkAppid", "1109999999"));

        assertError(bind(user, Map.of("encryptedData", forged.encryptedData(), "iv", forged.iv())), 400, "DATA_DECRYPT_FAILED");
    }

    @Test
    void anAlipayUserBindsTheSignedResponse() {
        LoggedIn user = logins.loginNew(Platform.ALIPAY, "bind-alipay");

        Response bound = bind(user, Map.of("response", alipayResponse(user, PhoneNumberFault.NONE)), "?reveal=true");

        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        assertThat(bound.json().get("purePhoneNumber").asString()).isEqualTo(MOBILE);
        assertThat(bound.json().get("countryCode").asString()).isEqualTo("86");
    }

    @Test
    void aForgedAlipaySignatureIsRefused() {
        LoggedIn user = logins.loginNew(Platform.ALIPAY, "bind-alipay-forged");

        assertError(bind(user, Map.of("response", alipayResponse(user, PhoneNumberFault.FOREIGN_SIGNATURE))), 400, "ALIPAY_PHONE_INVALID");
        assertError(bind(user, Map.of("response", alipayResponse(user, PhoneNumberFault.NOT_AUTHORIZED))), 403,
                "ALIPAY_PHONE_NOT_AUTHORIZED");
        assertThat(client.get("/api/v1/me/phone", user.accessToken()).status()).as("nothing bound").isEqualTo(404);
    }

    @Test
    void eachPlatformsNumberComesOnlyInItsOwnShape() {
        LoggedIn qq = logins.loginNew(Platform.QQ, "shape-qq");
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "shape-douyin");
        LoggedIn alipayUser = logins.loginNew(Platform.ALIPAY, "shape-alipay");
        EncryptedPhone encrypted = phone.encryptedPhone(PlatformLogins.demoAppid(Platform.QQ), qq.user());

        assertError(bind(qq, Map.of("code", "a-phone-code-of-wechat-0123456789")), 400, "PHONE_FORMAT_WRONG_PLATFORM");
        assertError(bind(douyin, Map.of("response", "{}")), 400, "PHONE_FORMAT_WRONG_PLATFORM");
        assertError(bind(alipayUser, Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv())), 400,
                "PHONE_FORMAT_WRONG_PLATFORM");
        assertError(bind(alipayUser, Map.of()), 400, "INVALID_FIELD");
        assertError(bind(qq, Map.of("encryptedData", encrypted.encryptedData())), 400, "INVALID_FIELD");
    }

    @Test
    void aWeChatUserSendsNoAlipayResponse(LoggedIn wechatUser) {
        assertError(bind(wechatUser, Map.of("response", "{}")), 400, "PHONE_FORMAT_WRONG_PLATFORM");
    }

    @Test
    void aWeChatOnlyEndpointRefusesAnotherPlatformsUser() {
        LoggedIn qq = logins.loginNew(Platform.QQ, "wechat-only");

        assertError(client.get("/api/v1/wx/session", qq.accessToken()), 400, "PLATFORM_UNSUPPORTED");
        assertThat(client.get("/api/v1/me", qq.accessToken()).status()).as("the account endpoints serve every platform")
                .isEqualTo(200);
    }

    private Response bind(LoggedIn user, Map<String, ?> body) {
        return bind(user, body, "");
    }

    private Response bind(LoggedIn user, Map<String, ?> body, String query) {
        return client.postJson("/api/v1/me/phone" + query, body, user.accessToken());
    }

    private String alipayResponse(LoggedIn user, PhoneNumberFault fault) {
        return alipay.phone().getPhoneNumber(AlipayDemoApp.DEMO_APP_ID, user.user(), MOBILE, fault).response();
    }
}
