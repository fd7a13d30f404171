package dev.wxlogin.qq;

import static dev.wxlogin.qq.QqAgainstSandbox.APP;
import static dev.wxlogin.qq.QqAgainstSandbox.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.phone.PhoneNumber;

/**
 * What a QQ page sends encrypted ({@code qq.getUserInfo}, the phone button), decrypted by the WeChat
 * core's classes with the session_key QQ's code2Session gave, and QQ's published signature sample.
 */
class QqEncryptedDataTest {

    /** QQ's "开放数据校验与解密" page: its rawData (avatar on qq.qlogo.cn), session_key and signature. */
    private static final String QQ_SAMPLE_RAW_DATA = "{\"nickName\":\"Band\",\"gender\":1,\"language\":\"zh_CN\",\"city\":\"Guangzhou\","
            + "\"province\":\"Guangdong\",\"country\":\"CN\",\"avatarUrl\":\"http://qq.qlogo.cn/mmopen/vi_32/"
            + "1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0\"}";
    private static final SessionKey QQ_SAMPLE_KEY = SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg==");
    private static final String QQ_SAMPLE_SIGNATURE = "75e81ceda165f4ffa64f4068af58c64b8f54b88c";

    private final QqAgainstSandbox qq = new QqAgainstSandbox();
    private final EncryptedDataDecryptor decryptor =
            new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(10)).withClockOf(qq.clock));

    @AfterEach
    void stop() {
        qq.close();
    }

    @Test
    void userInfoDecryptsWithTheSessionKeyAndCarriesTheIdsAndOurWatermark() {
        SandboxPhone.Login login = qq.phone.login(SandboxPlatform.QQ, null, "alice", Map.of("nickName", "Alice"), Map.of());
        QqSession session = qq.code2Session.exchange(APP, login.code());

        DecryptedData data = decryptor.decrypt(APP.appid(), session.sessionKey(), login.encryptedData(), login.iv());

        assertThat(data.text("openId")).isEqualTo(session.openid());
        assertThat(data.text("unionId")).isEqualTo(session.unionid().orElseThrow());
        assertThat(data.text("nickName")).isEqualTo("Alice");
        assertThat(data.watermark().appid()).isEqualTo(APP.appid());
        RawDataSignature.verify(login.rawData(), login.signature(), session.sessionKey());
    }

    @Test
    void encryptedPhoneNumberDecryptsAndParses() {
        QqSession session = qq.code2Session.exchange(APP, qq.phone.login(SandboxPlatform.QQ, "bob").code());
        SandboxPhone.EncryptedPhone encrypted = qq.phone.encryptedPhone(APP.appid(), "bob");

        PhoneNumber number = PhoneNumber.fromDecrypted(
                decryptor.decrypt(APP.appid(), session.sessionKey(), encrypted.encryptedData(), encrypted.iv()));

        assertThat(number.purePhoneNumber()).isEqualTo(encrypted.purePhoneNumber());
        assertThat(number.watermark().appid()).isEqualTo(APP.appid());
    }

    @Test
    void forgedWatermarkWrongKeyAndBadBase64AreRefusedForWhatTheyAre() {
        SandboxPhone.Login foreign = qq.phone.login(SandboxPlatform.QQ, null, "alice", Map.of(), Map.of("watermarkAppid", OTHER_APP.appid()));
        QqSession foreignSession = qq.code2Session.exchange(APP, foreign.code());
        assertReason(() -> decryptor.decrypt(APP.appid(), foreignSession.sessionKey(), foreign.encryptedData(), foreign.iv()),
                Reason.WATERMARK_APPID_MISMATCH);

        SandboxPhone.Login first = qq.phone.login(SandboxPlatform.QQ, "carol");
        QqSession newer = qq.code2Session.exchange(APP, qq.phone.login(SandboxPlatform.QQ, "carol").code());
        assertReason(() -> decryptor.decrypt(APP.appid(), newer.sessionKey(), first.encryptedData(), first.iv()), Reason.WRONG_KEY);

        assertReason(() -> decryptor.decrypt(APP.appid(), newer.sessionKey(), "%%%", first.iv()), Reason.INVALID_CIPHERTEXT);
    }

    /**
     * QQ's page copies WeChat's sample: its hash is WeChat's, over the avatar on wx.qlogo.cn. Over the
     * rawData QQ prints (qq.qlogo.cn) it does not verify; over WeChat's, the same algorithm gives it.
     */
    @Test
    void qqsPublishedSignatureSampleIsWeChatsAndVerifiesOnlyOverWeChatsAvatarUrl() {
        assertReason(() -> RawDataSignature.verify(QQ_SAMPLE_RAW_DATA, QQ_SAMPLE_SIGNATURE, QQ_SAMPLE_KEY), Reason.SIGNATURE_MISMATCH);

        String weChatsRawData = QQ_SAMPLE_RAW_DATA.replace("http://qq.qlogo.cn", "http://wx.qlogo.cn");
        RawDataSignature.verify(weChatsRawData, QQ_SAMPLE_SIGNATURE, QQ_SAMPLE_KEY);
        assertThat(RawDataSignature.sign(weChatsRawData, QQ_SAMPLE_KEY)).isEqualTo(QQ_SAMPLE_SIGNATURE);
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DecryptionException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
