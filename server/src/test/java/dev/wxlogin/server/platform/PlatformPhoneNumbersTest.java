package dev.wxlogin.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.alipay.AlipayDemoApp;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import dev.wxlogin.sandbox.alipay.SimulatedAlipayPhone.PhoneNumberFault;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.wechat.SessionKey;

/**
 * Phone numbers as each platform's page gives them, from the sandbox: Douyin's and QQ's legacy button decrypted
 * with the session key of the user's login, Alipay's {@code my.getPhoneNumber} response verified and
 * decrypted; every way they can be wrong is a precise code.
 */
@ServiceTest
class PlatformPhoneNumbersTest {

    private static final String MOBILE = "13800138000";

    @Autowired
    PlatformPhoneNumbers phoneNumbers;
    @Autowired
    CodeExchanges exchanges;
    @Autowired
    MiniProgramApps apps;
    @Autowired
    SandboxAlipay alipay;

    @Fixture SandboxPhone phone;

    @Test
    void douyinsEncryptedNumberDecryptsWithTheSessionKeyOfTheLogin() {
        String user = TestUsers.unique("pdouyin");
        SessionKey key = douyinLogin(user);
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(SandboxApp.DEFAULT_DOUYIN_APPID, user);
        VerifiedPhoneNumber number = phoneNumbers.fromEncryptedData(app(SandboxApp.DEFAULT_DOUYIN_APPID), key,
                encrypted.encryptedData(), encrypted.iv());
        assertThat(number.platform()).isEqualTo(Platform.DOUYIN);
        assertThat(number.purePhoneNumber()).isEqualTo(encrypted.purePhoneNumber());
        assertThat(number.countryCode()).isEqualTo(encrypted.countryCode());
        assertThat(number.toString()).doesNotContain(encrypted.purePhoneNumber());
    }

    @Test
    void qqsEncryptedNumberDecryptsWithTheSessionKeyOfTheLogin() {
        String user = TestUsers.unique("pqq");
        String code = phone.login(SandboxPlatform.QQ, user).code();
        SessionKey key = exchanges.exchange(app(SandboxApp.DEFAULT_QQ_APPID), LoginCodes.of(code)).sessionKey().orElseThrow();
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(SandboxApp.DEFAULT_QQ_APPID, user);
        VerifiedPhoneNumber number = phoneNumbers.fromEncryptedData(app(SandboxApp.DEFAULT_QQ_APPID), key,
                encrypted.encryptedData(), encrypted.iv());
        assertThat(number.platform()).isEqualTo(Platform.QQ);
        assertThat(number.phoneNumber()).isEqualTo(encrypted.phoneNumber());
    }

    @Test
    void anotherUsersSessionKeyIsOneAnswerWithoutAnOracle() {
        String user = TestUsers.unique("pdouyin");
        douyinLogin(user);
        SessionKey otherKey = douyinLogin(TestUsers.unique("pdouyin-other"));
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(SandboxApp.DEFAULT_DOUYIN_APPID, user);
        assertFails(() -> phoneNumbers.fromEncryptedData(app(SandboxApp.DEFAULT_DOUYIN_APPID), otherKey,
                encrypted.encryptedData(), encrypted.iv()), ApiError.DATA_DECRYPT_FAILED);
        assertFails(() -> phoneNumbers.fromEncryptedData(app(SandboxApp.DEFAULT_DOUYIN_APPID), otherKey,
                encrypted.encryptedData(), "AAAAAAAAAAA="), ApiError.DATA_IV_INVALID);
    }

    @Test
    void alipaysSignedNumberIsVerifiedAndDecrypted() {
        String response = alipayResponse(PhoneNumberFault.NONE);
        VerifiedPhoneNumber number = phoneNumbers.fromAlipayResponse(app(AlipayDemoApp.DEMO_APP_ID), response);
        assertThat(number.platform()).isEqualTo(Platform.ALIPAY);
        assertThat(number.purePhoneNumber()).isEqualTo(MOBILE);
        assertThat(number.countryCode()).isEqualTo("86");
    }

    @Test
    void aForgedOrTamperedAlipayNumberIsThePagesInvalidNumber() {
        assertFails(() -> phoneNumbers.fromAlipayResponse(app(AlipayDemoApp.DEMO_APP_ID), alipayResponse(PhoneNumberFault.FOREIGN_SIGNATURE)),
                ApiError.ALIPAY_PHONE_INVALID);
        assertFails(() -> phoneNumbers.fromAlipayResponse(app(AlipayDemoApp.DEMO_APP_ID), alipayResponse(PhoneNumberFault.TAMPERED_CIPHERTEXT)),
                ApiError.ALIPAY_PHONE_INVALID);
        assertFails(() -> phoneNumbers.fromAlipayResponse(app(AlipayDemoApp.DEMO_APP_ID), "{\"not\": \"it\"}"),
                ApiError.ALIPAY_PHONE_INVALID);
    }

    @Test
    void anUnsignedNumberOrAnotherContentKeyIsOurConfiguration() {
        assertFails(() -> phoneNumbers.fromAlipayResponse(app(AlipayDemoApp.DEMO_APP_ID), alipayResponse(PhoneNumberFault.UNSIGNED)),
                ApiError.ALIPAY_PHONE_NOT_CONFIGURED);
        assertFails(() -> phoneNumbers.fromAlipayResponse(app(AlipayDemoApp.DEMO_APP_ID), alipayResponse(PhoneNumberFault.OTHER_CONTENT_KEY)),
                ApiError.ALIPAY_PHONE_NOT_CONFIGURED);
    }

    @Test
    void alipayRefusingTheNumberIsNotAuthorised() {
        assertFails(() -> phoneNumbers.fromAlipayResponse(app(AlipayDemoApp.DEMO_APP_ID), alipayResponse(PhoneNumberFault.NOT_AUTHORIZED)),
                ApiError.ALIPAY_PHONE_NOT_AUTHORIZED);
    }

    @Test
    void eachPlatformsNumberComesOnlyInItsOwnShape() {
        assertFails(() -> phoneNumbers.fromAlipayResponse(app(SandboxApp.DEFAULT_DOUYIN_APPID), alipayResponse(PhoneNumberFault.NONE)),
                ApiError.INVALID_FIELD);
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(SandboxApp.DEFAULT_QQ_APPID, loggedInQqUser());
        assertFails(() -> phoneNumbers.fromEncryptedData(app(AlipayDemoApp.DEMO_APP_ID), null, encrypted.encryptedData(), encrypted.iv()),
                ApiError.INVALID_FIELD);
    }

    private String loggedInQqUser() {
        String user = TestUsers.unique("pqq");
        phone.login(SandboxPlatform.QQ, user);
        return user;
    }

    private SessionKey douyinLogin(String user) {
        SandboxPhone.Login login = phone.douyinLogin(null, user, "device-" + user, true);
        return exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(login.code())).sessionKey().orElseThrow();
    }

    private String alipayResponse(PhoneNumberFault fault) {
        return alipay.phone().getPhoneNumber(AlipayDemoApp.DEMO_APP_ID, TestUsers.unique("palipay"), MOBILE, fault).response();
    }

    private MiniProgramApp app(String appid) {
        return apps.require(appid);
    }

    private static void assertFails(Runnable call, ApiError expected) {
        Throwable failure = catchThrowable(call::run);
        assertThat(failure).isInstanceOf(ApiException.class);
        assertThat(((ApiException) failure).error()).isEqualTo(expected);
    }
}
