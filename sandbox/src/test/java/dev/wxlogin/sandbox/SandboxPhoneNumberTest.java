package dev.wxlogin.sandbox;

import static dev.wxlogin.sandbox.CoreAgainstSandbox.APP;
import static dev.wxlogin.sandbox.CoreAgainstSandbox.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.phone.PhoneNumber;
import dev.wxlogin.wechat.phone.PhoneNumberClient;
import dev.wxlogin.wechat.session.WeChatSession;

/** Phone numbers: the getPhoneNumber code exchanged once for the number, and the legacy encrypted payload. */
class SandboxPhoneNumberTest {

    private final CoreAgainstSandbox wechat = new CoreAgainstSandbox();
    private final PhoneNumberClient phoneNumbers = new PhoneNumberClient(wechat.calls);

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void phoneCodeIsExchangedForTheNumberWithEveryField() {
        SandboxPhone.PhoneCode code = wechat.phone.phoneCode(APP.appid(), "alice");

        PhoneNumber number = phoneNumbers.exchange(APP, code.code());

        assertThat(number.purePhoneNumber()).isEqualTo(code.purePhoneNumber()).hasSize(11).startsWith("13");
        assertThat(number.phoneNumber()).isEqualTo(code.purePhoneNumber());
        assertThat(number.countryCode()).isEqualTo("86");
        assertThat(number.watermark().appid()).isEqualTo(APP.appid());
        assertThat(number.stampedAt()).isEqualTo(wechat.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(wechat.sandbox.callCount("getuserphonenumber")).isEqualTo(1);
    }

    @Test
    void numberOutsideMainlandChinaCarriesItsCountryCode() {
        SandboxPhone.PhoneCode code = wechat.phone.phoneCode(APP.appid(), "bob", "51234567", "852");

        PhoneNumber number = phoneNumbers.exchange(APP, code.code());

        assertThat(number.phoneNumber()).isEqualTo("+85251234567");
        assertThat(number.purePhoneNumber()).isEqualTo("51234567");
        assertThat(number.countryCode()).isEqualTo("852");
    }

    @Test
    void secondUseOfACodeIsRefusedWith40029() {
        String code = wechat.phone.phoneCode(APP.appid(), "alice").code();
        phoneNumbers.exchange(APP, code);

        assertWeChatError(() -> phoneNumbers.exchange(APP, code), WeChatError.INVALID_CODE);
        assertThat(wechat.sandbox.callCount("getuserphonenumber")).isEqualTo(2);
    }

    @Test
    void busyIsNotRetriedForThePaidCall() {
        String code = wechat.phone.phoneCode(APP.appid(), "alice").code();
        wechat.phone.fault("getuserphonenumber", Fault.errcode(-1), 1);

        assertWeChatError(() -> phoneNumbers.exchange(APP, code), WeChatError.SYSTEM_BUSY);
        assertThat(wechat.sandbox.callCount("getuserphonenumber")).isEqualTo(1);
    }

    @Test
    void rejectedTokenIsRefreshedAndTheCodeExchangedOnce() {
        phoneNumbers.exchange(APP, wechat.phone.phoneCode(APP.appid(), "alice").code());
        wechat.phone.invalidateTokens(APP.appid());
        SandboxPhone.PhoneCode code = wechat.phone.phoneCode(APP.appid(), "alice");

        assertThat(phoneNumbers.exchange(APP, code.code()).purePhoneNumber()).isEqualTo(code.purePhoneNumber());
        assertThat(wechat.sandbox.callCount("getuserphonenumber")).isEqualTo(3);
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(2);
    }

    @Test
    void unknownExpiredForeignOrOtherUsersCodesAreRefusedWith40029() {
        assertWeChatError(() -> phoneNumbers.exchange(APP, "no-such-code"), WeChatError.INVALID_CODE);

        String otherApps = wechat.phone.phoneCode(OTHER_APP.appid(), "alice").code();
        assertWeChatError(() -> phoneNumbers.exchange(APP, otherApps), WeChatError.INVALID_CODE);

        String alices = wechat.phone.phoneCode(APP.appid(), "alice").code();
        String bobsOpenid = wechat.phone.login(APP.appid(), "bob").openid();
        assertWeChatError(() -> phoneNumbers.exchange(APP, alices, bobsOpenid), WeChatError.INVALID_CODE);

        String stale = wechat.phone.phoneCode(APP.appid(), "carol").code();
        wechat.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertWeChatError(() -> phoneNumbers.exchange(APP, stale), WeChatError.INVALID_CODE);
    }

    @Test
    void codeBoundToItsOwnUsersOpenidIsAccepted() {
        String openid = wechat.phone.login(APP.appid(), "dave").openid();
        String code = wechat.phone.phoneCode(APP.appid(), "dave").code();

        assertThat(phoneNumbers.exchange(APP, code, openid).purePhoneNumber()).isNotBlank();
    }

    @Test
    void legacyEncryptedPhoneDecryptsWithTheSessionKeyAndParses() {
        WeChatSession session = wechat.code2Session.exchange(APP, wechat.phone.login(APP.appid(), "erin").code());
        SandboxPhone.EncryptedPhone encrypted = wechat.phone.encryptedPhone(APP.appid(), "erin");

        PhoneNumber number = PhoneNumber.fromDecrypted(
                new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(10)).withClockOf(wechat.clock))
                        .decrypt(APP.appid(), session.sessionKey(), encrypted.encryptedData(), encrypted.iv()));

        assertThat(number.purePhoneNumber()).isEqualTo(encrypted.purePhoneNumber());
        assertThat(number.phoneNumber()).isEqualTo(encrypted.phoneNumber());
        assertThat(number.countryCode()).isEqualTo("86");
        assertThat(number.toString()).doesNotContain(encrypted.purePhoneNumber());
    }

    private static void assertWeChatError(ThrowingCallable call, WeChatError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
