package dev.wxlogin.douyin;

import static dev.wxlogin.douyin.DouyinAgainstSandbox.APP;
import static dev.wxlogin.douyin.DouyinAgainstSandbox.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.phone.PhoneNumber;

/**
 * What a Douyin page sends encrypted ({@code tt.getUserProfile}, the legacy getPhoneNumber button),
 * decrypted by the WeChat core's classes with the session_key Douyin's code2Session gave.
 */
class DouyinEncryptedDataTest {

    private final DouyinAgainstSandbox douyin = new DouyinAgainstSandbox();
    private final EncryptedDataDecryptor decryptor =
            new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(10)).withClockOf(douyin.clock));

    @AfterEach
    void stop() {
        douyin.close();
    }

    @Test
    void profileDecryptsWithTheSessionKeyCarriesOurWatermarkAndNoIds() {
        SandboxPhone.Login login = douyin.phone.login(SandboxPlatform.DOUYIN, null, "alice",
                Map.of("nickName", "Alice", "gender", 2, "city", "Chengdu"), Map.of());
        DouyinSession session = douyin.code2Session.exchange(APP, login.code(), null);

        DecryptedData data = decryptor.decrypt(APP.appid(), session.sessionKey(), login.encryptedData(), login.iv());

        assertThat(data.text("nickName")).isEqualTo("Alice");
        assertThat(data.payload().get("gender").asInt()).isEqualTo(2);
        assertThat(data.watermark().appid()).isEqualTo(APP.appid());
        assertThat(data.payload().has("openId")).isFalse();
        assertThat(data.payload().has("unionId")).isFalse();
    }

    @Test
    void rawDataSignatureVerifiesWithTheSessionKeyAndFailsWhenTampered() {
        SandboxPhone.Login login = douyin.phone.login(SandboxPlatform.DOUYIN, "alice");
        DouyinSession session = douyin.code2Session.exchange(APP, login.code(), null);

        RawDataSignature.verify(login.rawData(), login.signature(), session.sessionKey());
        assertReason(() -> RawDataSignature.verify(login.rawData().replace("抖音用户", "admin"), login.signature(), session.sessionKey()),
                Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void legacyPhoneButtonsNumberDecryptsAndParses() {
        DouyinSession session = douyin.code2Session.exchange(APP, douyin.phone.login(SandboxPlatform.DOUYIN, "bob").code(), null);
        SandboxPhone.EncryptedPhone encrypted = douyin.phone.encryptedPhone(APP.appid(), "bob");

        PhoneNumber number = PhoneNumber.fromDecrypted(
                decryptor.decrypt(APP.appid(), session.sessionKey(), encrypted.encryptedData(), encrypted.iv()));

        assertThat(number.purePhoneNumber()).isEqualTo(encrypted.purePhoneNumber());
        assertThat(number.countryCode()).isEqualTo("86");
        assertThat(number.watermark().appid()).isEqualTo(APP.appid());
        assertThat(number.toString()).doesNotContain(encrypted.purePhoneNumber());
    }

    @Test
    void forgedWatermarksAreRefused() {
        SandboxPhone.Login foreign = douyin.phone.login(SandboxPlatform.DOUYIN, null, "alice", Map.of(),
                Map.of("watermarkAppid", OTHER_APP.appid()));
        DouyinSession session = douyin.code2Session.exchange(APP, foreign.code(), null);
        assertReason(() -> decryptor.decrypt(APP.appid(), session.sessionKey(), foreign.encryptedData(), foreign.iv()),
                Reason.WATERMARK_APPID_MISMATCH);

        SandboxPhone.Login old = douyin.phone.login(SandboxPlatform.DOUYIN, null, "alice", Map.of(),
                Map.of("watermarkAgeSeconds", 3600));
        DouyinSession oldSession = douyin.code2Session.exchange(APP, old.code(), null);
        assertReason(() -> decryptor.decrypt(APP.appid(), oldSession.sessionKey(), old.encryptedData(), old.iv()),
                Reason.WATERMARK_EXPIRED);
    }

    @Test
    void dataMadeBeforeANewerLoginDoesNotDecryptWithTheNewKey() {
        SandboxPhone.Login first = douyin.phone.login(SandboxPlatform.DOUYIN, "alice");
        DouyinSession newer = douyin.code2Session.exchange(APP, douyin.phone.login(SandboxPlatform.DOUYIN, "alice").code(), null);

        assertReason(() -> decryptor.decrypt(APP.appid(), newer.sessionKey(), first.encryptedData(), first.iv()), Reason.WRONG_KEY);
    }

    @Test
    void badBase64IsRefusedForWhatItIs() {
        SandboxPhone.Login login = douyin.phone.login(SandboxPlatform.DOUYIN, "alice");
        DouyinSession session = douyin.code2Session.exchange(APP, login.code(), null);

        assertReason(() -> decryptor.decrypt(APP.appid(), session.sessionKey(), "not base64!", login.iv()), Reason.INVALID_CIPHERTEXT);
        assertReason(() -> decryptor.decrypt(APP.appid(), session.sessionKey(), login.encryptedData(), "AAAA"), Reason.INVALID_IV);
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DecryptionException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
