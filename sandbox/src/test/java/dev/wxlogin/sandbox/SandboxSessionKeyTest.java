package dev.wxlogin.sandbox;

import static dev.wxlogin.sandbox.CoreAgainstSandbox.APP;
import static dev.wxlogin.sandbox.CoreAgainstSandbox.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.session.SessionKeyChecker;
import dev.wxlogin.wechat.session.WeChatSession;

/** checksession and resetusersessionkey: the session_key proven by its signature, stale after a new login. */
class SandboxSessionKeyTest {

    private final CoreAgainstSandbox wechat = new CoreAgainstSandbox();
    private final SessionKeyChecker checker = new SessionKeyChecker(wechat.calls);

    @AfterEach
    void stop() {
        wechat.close();
    }

    private WeChatSession loggedIn(String user) {
        return wechat.code2Session.exchange(APP, wechat.phone.login(APP.appid(), user).code());
    }

    @Test
    void currentKeyIsValid() {
        WeChatSession session = loggedIn("alice");
        assertThat(checker.isCurrent(APP, session.openid(), session.sessionKey())).isTrue();
    }

    @Test
    void keyReplacedByANewLoginIsStale() {
        WeChatSession old = loggedIn("alice");
        WeChatSession current = loggedIn("alice");

        assertThat(checker.isCurrent(APP, old.openid(), old.sessionKey())).isFalse();
        assertThat(checker.isCurrent(APP, current.openid(), current.sessionKey())).isTrue();
    }

    @Test
    void resetGivesANewCurrentKeyAndStalesTheOldOne() {
        WeChatSession session = loggedIn("alice");

        SessionKey fresh = checker.reset(APP, session.openid(), session.sessionKey());

        assertThat(fresh).isNotEqualTo(session.sessionKey());
        assertThat(checker.isCurrent(APP, session.openid(), session.sessionKey())).isFalse();
        assertThat(checker.isCurrent(APP, session.openid(), fresh)).isTrue();
        var encrypted = wechat.phone.encrypt(APP.appid(), "alice", Map.of("n", 1));
        assertThat(new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(10)).withClockOf(wechat.clock))
                .decrypt(APP.appid(), fresh, encrypted.get("encryptedData").asString(), encrypted.get("iv").asString())
                .payload().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void resetWithAStaleKeyIsRefused() {
        WeChatSession old = loggedIn("alice");
        loggedIn("alice");
        assertWeChatError(() -> checker.reset(APP, old.openid(), old.sessionKey()), WeChatError.INVALID_SIGNATURE);
    }

    @Test
    void openidUnknownOrOfAnotherAppIsRefused() {
        WeChatSession session = loggedIn("alice");
        assertWeChatError(() -> checker.isCurrent(APP, "o-nobody", session.sessionKey()), WeChatError.INVALID_OPENID);
        assertWeChatError(() -> checker.isCurrent(OTHER_APP, session.openid(), session.sessionKey()), WeChatError.INVALID_OPENID);
    }

    @Test
    void busyCheckIsRetriedButBusyResetIsNot() {
        WeChatSession session = loggedIn("alice");
        wechat.phone.fault("checksession", Fault.errcode(-1), 1);
        wechat.phone.fault("resetusersessionkey", Fault.errcode(-1), 1);

        assertThat(checker.isCurrent(APP, session.openid(), session.sessionKey())).isTrue();
        assertWeChatError(() -> checker.reset(APP, session.openid(), session.sessionKey()), WeChatError.SYSTEM_BUSY);
        assertThat(wechat.sandbox.callCount("checksession")).isEqualTo(2);
        assertThat(wechat.sandbox.callCount("resetusersessionkey")).isEqualTo(1);
    }

    private static void assertWeChatError(ThrowingCallable call, WeChatError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
