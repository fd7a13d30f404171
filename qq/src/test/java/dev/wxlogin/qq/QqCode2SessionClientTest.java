package dev.wxlogin.qq;

import static dev.wxlogin.qq.QqAgainstSandbox.APP;
import static dev.wxlogin.qq.QqAgainstSandbox.ESCAPING_APP;
import static dev.wxlogin.qq.QqAgainstSandbox.OTHER_APP;
import static dev.wxlogin.qq.QqAgainstSandbox.UNBOUND_APP;
import static dev.wxlogin.qq.QqAgainstSandbox.WECHAT_APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.qq.QqUnavailableException.Kind;
import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;

/** QQ's code2Session, through the core's client, against the sandbox over real HTTP. */
class QqCode2SessionClientTest {

    private static final String API = "qq.jscode2session";

    private final QqAgainstSandbox qq = new QqAgainstSandbox();

    @AfterEach
    void stop() {
        qq.close();
    }

    @Test
    void loginCodeExchangesForTheUsersOpenidSessionKeyAndUnionidOfTheDemoApp() {
        SandboxPhone.Login login = qq.phone.login(SandboxPlatform.QQ, "alice");

        QqSession session = qq.code2Session.exchange(APP, login.code());

        assertThat(login.platform()).isEqualTo("qq");
        assertThat(login.appid()).isEqualTo(APP.appid());
        assertThat(login.anonymousCode()).isNull();
        assertThat(session.openid()).isEqualTo(login.openid()).matches("[0-9A-F]{32}");
        assertThat(session.unionid()).contains(login.unionid());
        assertThat(login.unionid()).startsWith("UID_");
        assertThat(qq.sandbox.callCount(API)).isEqualTo(1);
    }

    @Test
    void unboundAppsEmptyUnionidCountsAsAbsentAndBoundAppsShareOne() {
        QqSession first = qq.code2Session.exchange(APP, qq.phone.login(SandboxPlatform.QQ, "alice").code());
        QqSession second = qq.code2Session.exchange(OTHER_APP,
                qq.phone.login(SandboxPlatform.QQ, OTHER_APP.appid(), "alice", Map.of(), Map.of()).code());
        QqSession unbound = qq.code2Session.exchange(UNBOUND_APP,
                qq.phone.login(SandboxPlatform.QQ, UNBOUND_APP.appid(), "alice", Map.of(), Map.of()).code());

        assertThat(first.unionid()).isPresent().isEqualTo(second.unionid());
        assertThat(unbound.unionid()).isEmpty();
        assertThat(first.unionid().orElseThrow()).isNotEqualTo(qq.phone.login(WECHAT_APPID, "alice").unionid());
    }

    @Test
    void replayedExpiredForeignAndUnknownCodesAreAll40029() {
        String used = qq.phone.login(SandboxPlatform.QQ, "alice").code();
        qq.code2Session.exchange(APP, used);
        String stale = qq.phone.login(SandboxPlatform.QQ, "bob").code();
        String foreign = qq.phone.login(SandboxPlatform.QQ, OTHER_APP.appid(), "carol", Map.of(), Map.of()).code();
        qq.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        String fresh = qq.phone.login(SandboxPlatform.QQ, OTHER_APP.appid(), "dave", Map.of(), Map.of()).code();

        for (String code : new String[] {used, stale, foreign, fresh, "no-such-code"}) {
            assertQqError(() -> qq.code2Session.exchange(APP, code), QqError.INVALID_CODE, "QQ_CODE_INVALID");
        }
    }

    @Test
    void wrongSecretAndUnknownOrWeChatAppidAreOurConfigurationAndTheSecretIsNeverQuoted() {
        String code = qq.phone.login(SandboxPlatform.QQ, "alice").code();
        QqApp wrong = new QqApp(APP.appid(), "not-the-secret-42");

        assertThatThrownBy(() -> qq.code2Session.exchange(wrong, code)).isInstanceOfSatisfying(QqApiException.class, e -> {
            assertThat(e.error()).isEqualTo(QqError.INVALID_SECRET);
            assertThat(e.error().isOurConfiguration()).isTrue();
            assertThat(e.code()).isEqualTo("QQ_SECRET_INVALID");
            assertThat(e.getMessage()).doesNotContain("not-the-secret-42");
        });
        assertThat(wrong.toString()).doesNotContain("not-the-secret-42");
        assertQqError(() -> qq.code2Session.exchange(new QqApp("1100000000", "s"), code), QqError.INVALID_APPID, "QQ_APPID_INVALID");
        assertQqError(() -> qq.code2Session.exchange(new QqApp(WECHAT_APPID, "wechat-secret"), code), QqError.INVALID_APPID, "QQ_APPID_INVALID");
    }

    @Test
    void busyIsReportedAtOnceNotRetriedAndTheCodeStaysGood() {
        String code = qq.phone.login(SandboxPlatform.QQ, "alice").code();
        qq.phone.fault(API, Fault.errcode(-1), 1);

        assertQqError(() -> qq.code2Session.exchange(APP, code), QqError.SYSTEM_BUSY, "QQ_BUSY");
        assertThat(qq.sandbox.callCount(API)).isEqualTo(1);
        assertThat(qq.code2Session.exchange(APP, code).openid()).isNotBlank();
    }

    @Test
    void rateLimitAndUndocumentedErrcodesKeepTheirNumbers() {
        qq.phone.fault(API, Fault.errcode(45011), 1);
        assertQqError(() -> qq.code2Session.exchange(APP, "code"), QqError.RATE_LIMITED, "QQ_RATE_LIMITED");

        qq.phone.fault(API, Fault.errcode(-1009), 1);
        assertThatThrownBy(() -> qq.code2Session.exchange(APP, "code")).isInstanceOfSatisfying(QqApiException.class, e -> {
            assertThat(e.error()).isEqualTo(QqError.OTHER);
            assertThat(e.errcode()).isEqualTo(-1009);
            assertThat(e.errmsg()).isEqualTo("sandbox fault");
            assertThat(e.code()).isEqualTo("QQ_ERROR");
        });
    }

    @Test
    void gatewayPageClosedConnectionAndSilenceAreUnavailableOfTheirKindNamingQq() {
        qq.phone.fault(API, Fault.html502(), 1);
        assertUnavailable(() -> qq.code2Session.exchange(APP, "code"), Kind.BAD_RESPONSE, "QQ_BAD_RESPONSE");

        // Twice: the JDK client retries a GET once when the connection ends before any byte.
        qq.phone.fault(API, Fault.close(), 2);
        assertUnavailable(() -> qq.code2Session.exchange(APP, "code"), Kind.UNREACHABLE, "QQ_UNREACHABLE");

        qq.phone.fault(API, Fault.slow(3_000), 1);
        assertUnavailable(() -> qq.client(Duration.ofMillis(300)).exchange(APP, "code"), Kind.TIMEOUT, "QQ_TIMEOUT");
    }

    @Test
    void qqCodeSentToTheWeChatAddressIsRefusedAsAnUnknownApp() {
        String code = qq.phone.login(SandboxPlatform.QQ, "alice").code();
        QqCode2SessionClient atWeChat = new QqCode2SessionClient(QqClientSettings.defaults(qq.sandbox.baseUrl()));

        assertQqError(() -> atWeChat.exchange(APP, code), QqError.INVALID_APPID, "QQ_APPID_INVALID");
    }

    @Test
    void secretAndCodeAreUrlEncodedWhateverTheyHold() {
        String code = qq.phone.login(SandboxPlatform.QQ, ESCAPING_APP.appid(), "alice", Map.of(), Map.of()).code();

        assertThat(qq.code2Session.exchange(ESCAPING_APP, code).openid()).isNotBlank();
        assertQqError(() -> qq.code2Session.exchange(APP, "a&grant_type=x+y %"), QqError.INVALID_CODE, "QQ_CODE_INVALID");
    }

    @Test
    void blankOrAbsurdCodesAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> qq.code2Session.exchange(APP, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> qq.code2Session.exchange(APP, "x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThat(qq.sandbox.callCount(API)).isZero();
    }

    private static void assertQqError(ThrowingCallable call, QqError error, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QqApiException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    private static void assertUnavailable(ThrowingCallable call, Kind kind, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QqUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains("QQ").doesNotContain("WeChat");
        });
    }
}
