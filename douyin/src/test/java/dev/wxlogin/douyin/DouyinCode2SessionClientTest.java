package dev.wxlogin.douyin;

import static dev.wxlogin.douyin.DouyinAgainstSandbox.APP;
import static dev.wxlogin.douyin.DouyinAgainstSandbox.ESCAPING_APP;
import static dev.wxlogin.douyin.DouyinAgainstSandbox.OTHER_APP;
import static dev.wxlogin.douyin.DouyinAgainstSandbox.UNBOUND_APP;
import static dev.wxlogin.douyin.DouyinAgainstSandbox.WECHAT_APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.douyin.DouyinUnavailableException.Kind;
import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;

/** Douyin's code2Session, through the core's client, against the sandbox over real HTTP. */
class DouyinCode2SessionClientTest {

    private static final String API = "douyin.jscode2session";

    private final DouyinAgainstSandbox douyin = new DouyinAgainstSandbox();

    @AfterEach
    void stop() {
        douyin.close();
    }

    @Test
    void loginCodeExchangesForTheUsersOpenidSessionKeyAndUnionidOfTheDemoApp() {
        SandboxPhone.Login login = douyin.phone.login(SandboxPlatform.DOUYIN, "alice");

        DouyinSession session = douyin.code2Session.exchange(APP, login.code(), null);

        assertThat(login.platform()).isEqualTo("douyin");
        assertThat(login.appid()).isEqualTo(APP.appid());
        assertThat(session.openid()).isEqualTo(login.openid()).startsWith("_000");
        assertThat(session.unionid()).contains(login.unionid());
        assertThat(session.anonymousOpenid()).isEmpty();
        assertThat(session.sessionKey().toString()).doesNotContain(session.sessionKey().base64());
        assertThat(douyin.sandbox.callCount(API)).isEqualTo(1);
    }

    @Test
    void anonymousCodeBesideTheCodeAddsTheDevicesAnonymousOpenid() {
        SandboxPhone.Login login = douyin.phone.login(SandboxPlatform.DOUYIN, "alice");

        DouyinSession session = douyin.code2Session.exchange(APP, login.code(), login.anonymousCode());

        assertThat(session.openid()).isEqualTo(login.openid());
        assertThat(session.anonymousOpenid()).contains(login.anonymousOpenid());
    }

    @Test
    void anonymousCodeAloneGivesTheSameDeviceIdForEveryoneOnThatPhone() {
        SandboxPhone.Login stranger = douyin.phone.douyinLogin(null, "alice", "shared-phone", false);
        SandboxPhone.Login bob = douyin.phone.douyinLogin(null, "bob", "shared-phone", true);

        DouyinAnonymousIdentity device = douyin.code2Session.exchangeAnonymous(APP, stranger.anonymousCode());
        DouyinSession session = douyin.code2Session.exchange(APP, bob.code(), bob.anonymousCode());

        assertThat(stranger.code()).isNull();
        assertThat(device.anonymousOpenid()).isEqualTo(stranger.anonymousOpenid());
        assertThat(session.anonymousOpenid()).contains(device.anonymousOpenid());
        assertThat(session.openid()).isNotEqualTo(device.anonymousOpenid());
    }

    @Test
    void replayedCodeIsRefusedWith40018() {
        String code = douyin.phone.login(SandboxPlatform.DOUYIN, "alice").code();
        douyin.code2Session.exchange(APP, code, null);

        assertDouyinError(() -> douyin.code2Session.exchange(APP, code, null), DouyinError.INVALID_CODE, "DOUYIN_CODE_INVALID");
    }

    @Test
    void expiredCodeIsRefusedWith40018() {
        String code = douyin.phone.login(SandboxPlatform.DOUYIN, "alice").code();
        douyin.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertDouyinError(() -> douyin.code2Session.exchange(APP, code, null), DouyinError.INVALID_CODE, "DOUYIN_CODE_INVALID");
    }

    @Test
    void anotherAppsCodeAndAnUnknownCodeAreRefusedWith40018() {
        String othersCode = douyin.phone.login(SandboxPlatform.DOUYIN, OTHER_APP.appid(), "alice", Map.of(), Map.of()).code();

        assertDouyinError(() -> douyin.code2Session.exchange(APP, othersCode, null), DouyinError.INVALID_CODE, "DOUYIN_CODE_INVALID");
        assertDouyinError(() -> douyin.code2Session.exchange(APP, "no-such-code", null), DouyinError.INVALID_CODE, "DOUYIN_CODE_INVALID");
    }

    @Test
    void replayedOrExpiredAnonymousCodeIsRefusedWith40019() {
        SandboxPhone.Login login = douyin.phone.login(SandboxPlatform.DOUYIN, "alice");
        douyin.code2Session.exchangeAnonymous(APP, login.anonymousCode());
        String stale = douyin.phone.douyinLogin(null, "bob", "bobs-phone", false).anonymousCode();
        douyin.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertDouyinError(() -> douyin.code2Session.exchangeAnonymous(APP, login.anonymousCode()),
                DouyinError.INVALID_ANONYMOUS_CODE, "DOUYIN_ANONYMOUS_CODE_INVALID");
        assertDouyinError(() -> douyin.code2Session.exchangeAnonymous(APP, stale),
                DouyinError.INVALID_ANONYMOUS_CODE, "DOUYIN_ANONYMOUS_CODE_INVALID");
    }

    @Test
    void wrongSecretIsOurConfigurationAndNeverQuoted() {
        String code = douyin.phone.login(SandboxPlatform.DOUYIN, "alice").code();
        DouyinApp wrong = new DouyinApp(APP.appid(), "not-the-secret-42");

        assertThatThrownBy(() -> douyin.code2Session.exchange(wrong, code, null))
                .isInstanceOfSatisfying(DouyinApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(DouyinError.INVALID_SECRET);
                    assertThat(e.errNo()).isEqualTo(40017);
                    assertThat(e.error().isOurConfiguration()).isTrue();
                    assertThat(e.code()).isEqualTo("DOUYIN_SECRET_INVALID");
                    assertThat(e.getMessage()).doesNotContain("not-the-secret-42");
                });
        assertThat(wrong.toString()).doesNotContain("not-the-secret-42");
    }

    @Test
    void unknownAppidAndAWeChatAppidAreRefusedWith40015() {
        assertDouyinError(() -> douyin.code2Session.exchange(new DouyinApp("ttunknown", "s"), "code", null),
                DouyinError.INVALID_APPID, "DOUYIN_APPID_INVALID");
        assertDouyinError(() -> douyin.code2Session.exchange(new DouyinApp(WECHAT_APPID, "wechat-secret"), "code", null),
                DouyinError.INVALID_APPID, "DOUYIN_APPID_INVALID");
    }

    @Test
    void systemErrorIsReportedAtOnceNotRetried() {
        String code = douyin.phone.login(SandboxPlatform.DOUYIN, "alice").code();
        douyin.phone.fault(API, Fault.errcode(-1), 1);

        assertDouyinError(() -> douyin.code2Session.exchange(APP, code, null), DouyinError.SYSTEM_ERROR, "DOUYIN_BUSY");
        assertThat(douyin.sandbox.callCount(API)).isEqualTo(1);
        assertThat(douyin.code2Session.exchange(APP, code, null).openid()).isNotBlank();
    }

    @Test
    void unlistedErrNoIsOtherWithItsNumberKept() {
        douyin.phone.fault(API, Fault.errcode(12345), 1);

        assertThatThrownBy(() -> douyin.code2Session.exchange(APP, "code", null))
                .isInstanceOfSatisfying(DouyinApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(DouyinError.OTHER);
                    assertThat(e.errNo()).isEqualTo(12345);
                    assertThat(e.code()).isEqualTo("DOUYIN_ERROR");
                    assertThat(e.errTips()).isEqualTo("sandbox fault");
                });
    }

    @Test
    void gatewayPageClosedConnectionAndSilenceAreUnavailableOfTheirKind() {
        douyin.phone.fault(API, Fault.html502(), 1);
        assertUnavailable(() -> douyin.code2Session.exchange(APP, "code", null), Kind.BAD_RESPONSE, "DOUYIN_BAD_RESPONSE");

        douyin.phone.fault(API, Fault.close(), 1);
        assertUnavailable(() -> douyin.code2Session.exchange(APP, "code", null), Kind.UNREACHABLE, "DOUYIN_UNREACHABLE");

        douyin.phone.fault(API, Fault.slow(3_000), 1);
        assertUnavailable(() -> douyin.client(Duration.ofMillis(300)).exchange(APP, "code", null), Kind.TIMEOUT, "DOUYIN_TIMEOUT");
    }

    @Test
    void clientPointedAtAnotherPlatformsAddressGetsABadResponseNotItsAnswer() {
        DouyinCode2SessionClient misconfigured = new DouyinCode2SessionClient(new DouyinApiTransport(
                DouyinClientSettings.defaults(douyin.sandbox.baseUrl(SandboxPlatform.QQ))));

        assertUnavailable(() -> misconfigured.exchange(APP, "code", null), Kind.BAD_RESPONSE, "DOUYIN_BAD_RESPONSE");
    }

    @Test
    void unionidIsSharedByTheBoundAppsOfOneDeveloperAndAbsentForAnUnboundApp() {
        DouyinSession first = douyin.code2Session.exchange(APP, douyin.phone.login(SandboxPlatform.DOUYIN, "alice").code(), null);
        DouyinSession second = douyin.code2Session.exchange(OTHER_APP,
                douyin.phone.login(SandboxPlatform.DOUYIN, OTHER_APP.appid(), "alice", Map.of(), Map.of()).code(), null);
        DouyinSession unbound = douyin.code2Session.exchange(UNBOUND_APP,
                douyin.phone.login(SandboxPlatform.DOUYIN, UNBOUND_APP.appid(), "alice", Map.of(), Map.of()).code(), null);
        SandboxPhone.Login onWeChat = douyin.phone.login(WECHAT_APPID, "alice");

        assertThat(first.openid()).isNotEqualTo(second.openid());
        assertThat(first.unionid()).isPresent().isEqualTo(second.unionid());
        assertThat(unbound.unionid()).isEmpty();
        assertThat(first.unionid().orElseThrow()).isNotEqualTo(onWeChat.unionid());
    }

    @Test
    void blankOrAbsurdCodesAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> douyin.code2Session.exchange(APP, " ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> douyin.code2Session.exchange(APP, "c", "x".repeat(DouyinCode2SessionClient.MAX_CODE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> douyin.code2Session.exchangeAnonymous(APP, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(douyin.sandbox.callCount(API)).isZero();
    }

    @Test
    void secretAndCodesAreSentAsJsonWhateverTheyHold() {
        String code = douyin.phone.login(SandboxPlatform.DOUYIN, ESCAPING_APP.appid(), "alice", Map.of(), Map.of()).code();

        assertThat(douyin.code2Session.exchange(ESCAPING_APP, code, null).openid()).isNotBlank();
        assertDouyinError(() -> douyin.code2Session.exchange(APP, "a\"b\\c\u0001你", null), DouyinError.INVALID_CODE, "DOUYIN_CODE_INVALID");
    }

    @Test
    void codesLongerThanWeChatsLimitAreSent() {
        assertDouyinError(() -> douyin.code2Session.exchange(APP, "c".repeat(200), null), DouyinError.INVALID_CODE, "DOUYIN_CODE_INVALID");
    }

    private static void assertDouyinError(ThrowingCallable call, DouyinError error, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DouyinApiException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    private static void assertUnavailable(ThrowingCallable call, Kind kind, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DouyinUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
