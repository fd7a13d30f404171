package dev.wxlogin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.session.Code2SessionClient;
import dev.wxlogin.wechat.session.WeChatSession;

/** The sandbox, driven over real HTTP by the core's own client, behaves as WeChat does. */
class SandboxWeChatTest {

    private static final WeChatApp APP = new WeChatApp("wxsandbox000000001", "app-secret");
    private static final WeChatApp OTHER_APP = new WeChatApp("wxsandbox000000002", "other-secret");

    private final MutableClock clock = new MutableClock();
    private final SandboxWeChat sandbox;
    private final SandboxPhone phone;
    private final Code2SessionClient code2Session;

    SandboxWeChatTest() throws IOException {
        sandbox = SandboxWeChat.start(SandboxSettings.of(
                new SandboxApp(APP.appid(), APP.secret(), true),
                new SandboxApp(OTHER_APP.appid(), OTHER_APP.secret(), true)).withClock(clock));
        phone = new SandboxPhone(sandbox.baseUrl());
        code2Session = code2Session(Duration.ofSeconds(5));
    }

    /** Generous by default: a loaded CI machine may take a while to answer the first request. */
    private Code2SessionClient code2Session(Duration requestTimeout) {
        return new Code2SessionClient(new WeChatApiTransport(new WeChatClientSettings(
                sandbox.baseUrl(), Duration.ofSeconds(2), requestTimeout, 2, Duration.ofMillis(5))));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void phoneLoginGivesACodeThatExchangesForTheUsersSession() {
        SandboxPhone.Login login = phone.login(APP.appid(), "alice");

        WeChatSession session = code2Session.exchange(APP, login.code());

        assertThat(session.openid()).isEqualTo(login.openid()).hasSize(28);
        assertThat(session.unionid()).contains(login.unionid());
        assertThat(sandbox.callCount("jscode2session")).isEqualTo(1);
    }

    @Test
    void encryptedUserInfoDecryptsWithTheExchangedKeyAndCarriesOurWatermark() {
        SandboxPhone.Login login = phone.login(APP.appid(), "alice", Map.of("nickName", "Alice", "gender", 2, "city", "Shenzhen"), Map.of());
        WeChatSession session = code2Session.exchange(APP, login.code());

        DecryptedData data = new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(10)).withClockOf(clock))
                .decrypt(APP.appid(), session.sessionKey(), login.encryptedData(), login.iv());

        assertThat(data.text("openId")).isEqualTo(session.openid());
        assertThat(data.text("nickName")).isEqualTo("Alice");
        assertThat(data.payload().get("gender").asInt()).isEqualTo(2);
        assertThat(data.text("unionId")).isEqualTo(login.unionid());
        assertThatCode(() -> RawDataSignature.verify(login.rawData(), login.signature(), session.sessionKey())).doesNotThrowAnyException();
    }

    @Test
    void defaultProfileIsTheAnonymousOneCurrentWeChatGives() {
        SandboxPhone.Login login = phone.login(APP.appid(), "bob");
        assertThat(login.userInfo().get("nickName").asString()).isEqualTo("微信用户");
        assertThat(login.userInfo().get("avatarUrl").asString()).isEqualTo(SimulatedPhoneEndpoints.ANONYMOUS_AVATAR);
    }

    @Test
    void codeIsSingleUse() {
        String code = phone.login(APP.appid(), "alice").code();
        code2Session.exchange(APP, code);
        assertWeChatError(() -> code2Session.exchange(APP, code), WeChatError.CODE_ALREADY_USED);
    }

    @Test
    void codeExpiresAfterFiveMinutes() {
        String fresh = phone.login(APP.appid(), "alice").code();
        String stale = phone.login(APP.appid(), "bob").code();
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        code2Session.exchange(APP, fresh);
        clock.advance(Duration.ofSeconds(2));
        assertWeChatError(() -> code2Session.exchange(APP, stale), WeChatError.INVALID_CODE);
    }

    @Test
    void unknownCodeOrCodeOfAnotherAppIsInvalid() {
        assertWeChatError(() -> code2Session.exchange(APP, "no-such-code"), WeChatError.INVALID_CODE);
        String code = phone.login(OTHER_APP.appid(), "alice").code();
        assertWeChatError(() -> code2Session.exchange(APP, code), WeChatError.INVALID_CODE);
    }

    @Test
    void wrongSecretOrUnknownAppidIsRefused() {
        String code = phone.login(APP.appid(), "alice").code();
        assertWeChatError(() -> code2Session.exchange(new WeChatApp(APP.appid(), "wrong"), code), WeChatError.INVALID_SECRET);
        assertWeChatError(() -> code2Session.exchange(new WeChatApp("wxunknown", "x"), code), WeChatError.INVALID_APPID);
        // Neither refusal consumed the code.
        assertThat(code2Session.exchange(APP, code).openid()).isNotBlank();
    }

    @Test
    void oneUserHasOneUnionidAndAnOpenidPerApp() {
        WeChatSession inApp = code2Session.exchange(APP, phone.login(APP.appid(), "carol").code());
        WeChatSession inOther = code2Session.exchange(OTHER_APP, phone.login(OTHER_APP.appid(), "carol").code());
        WeChatSession again = code2Session.exchange(APP, phone.login(APP.appid(), "carol").code());

        assertThat(inApp.openid()).isNotEqualTo(inOther.openid()).isEqualTo(again.openid());
        assertThat(inApp.unionid()).isPresent().isEqualTo(inOther.unionid());
        assertThat(again.sessionKey()).isNotEqualTo(inApp.sessionKey());
    }

    @Test
    void busyFaultIsRetriedByTheClientAndDoesNotConsumeTheCode() {
        String code = phone.login(APP.appid(), "alice").code();
        phone.fault("jscode2session", Fault.errcode(-1), 2);

        assertThat(code2Session.exchange(APP, code).openid()).isNotBlank();
        assertThat(sandbox.callCount("jscode2session")).isEqualTo(3);
    }

    @Test
    void everyErrcodeFaultReachesTheClientTyped() {
        for (WeChatError error : new WeChatError[] {WeChatError.RATE_LIMITED, WeChatError.HIGH_RISK_USER,
                WeChatError.INVALID_CODE, WeChatError.CODE_ALREADY_USED, WeChatError.INVALID_APPID}) {
            phone.fault("jscode2session", Fault.errcode(error.errcode()), 1);
            assertWeChatError(() -> code2Session.exchange(APP, "any"), error);
        }
    }

    @Test
    void html502AndSlownessAreUnavailability() {
        phone.fault("jscode2session", Fault.html502(), 1);
        assertThatThrownBy(() -> code2Session.exchange(APP, "any"))
                .isInstanceOfSatisfying(WeChatUnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(WeChatUnavailableException.Kind.BAD_RESPONSE));
        phone.fault("jscode2session", Fault.slow(1500), 1);
        assertThatThrownBy(() -> code2Session(Duration.ofMillis(300)).exchange(APP, "any"))
                .isInstanceOfSatisfying(WeChatUnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(WeChatUnavailableException.Kind.TIMEOUT));
    }

    @Test
    void closeWithoutAnswerIsAnEndOfStreamBeforeAnyByte() {
        String code = phone.login(APP.appid(), "alice").code();
        // Twice: the JDK client retries a GET once when the connection ends before any byte.
        phone.fault("jscode2session", Fault.close(), 2);

        assertThatThrownBy(() -> code2Session.exchange(APP, code))
                .isInstanceOfSatisfying(WeChatUnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(WeChatUnavailableException.Kind.UNREACHABLE))
                .hasRootCauseInstanceOf(java.io.EOFException.class);
        // The sandbox still serves, and the code was not consumed.
        assertThat(code2Session.exchange(APP, code).openid()).isEqualTo(phone.login(APP.appid(), "alice").openid());
    }

    @Test
    void resetDropsTheConnectionWithATcpReset() {
        phone.fault("jscode2session", Fault.reset(), 2);

        assertThatThrownBy(() -> code2Session.exchange(APP, "any"))
                .isInstanceOfSatisfying(WeChatUnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(WeChatUnavailableException.Kind.UNREACHABLE))
                .rootCause().hasMessageContaining("reset");
        assertThat(sandbox.callCount("jscode2session")).isEqualTo(2);
    }

    @Test
    void forgedWatermarksAreCaughtByTheDecryptor() {
        EncryptedDataDecryptor decryptor = new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(10)).withClockOf(clock));
        SandboxPhone.Login foreign = phone.login(APP.appid(), "alice", Map.of(), Map.of("watermarkAppid", "wxattacker00000000"));
        WeChatSession s1 = code2Session.exchange(APP, foreign.code());
        assertThatThrownBy(() -> decryptor.decrypt(APP.appid(), s1.sessionKey(), foreign.encryptedData(), foreign.iv()))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.WATERMARK_APPID_MISMATCH));

        SandboxPhone.Login old = phone.login(APP.appid(), "alice", Map.of(), Map.of("watermarkAgeSeconds", 3600));
        WeChatSession s2 = code2Session.exchange(APP, old.code());
        assertThatThrownBy(() -> decryptor.decrypt(APP.appid(), s2.sessionKey(), old.encryptedData(), old.iv()))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.WATERMARK_EXPIRED));
    }

    @Test
    void phoneEncryptsFurtherDataWithTheCurrentSessionKey() {
        WeChatSession session = code2Session.exchange(APP, phone.login(APP.appid(), "alice").code());
        var encrypted = phone.encrypt(APP.appid(), "alice", Map.of("stepInfoList", java.util.List.of(Map.of("timestamp", 1, "step", 4321))));

        DecryptedData data = new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(10)).withClockOf(clock))
                .decrypt(APP.appid(), session.sessionKey(), encrypted.get("encryptedData").asString(), encrypted.get("iv").asString());
        assertThat(data.payload().get("stepInfoList").get(0).get("step").asInt()).isEqualTo(4321);
    }

    private static void assertWeChatError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, WeChatError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
