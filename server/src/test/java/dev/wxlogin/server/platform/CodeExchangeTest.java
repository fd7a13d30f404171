package dev.wxlogin.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.sandbox.alipay.AlipayDemoApp;
import dev.wxlogin.sandbox.alipay.AlipayGatewayFault;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;

/**
 * Each platform's exchange against the sandbox over HTTP, in the service as sandbox mode configures it (one
 * demo app per platform): a simulated phone's code logs its user in, and each way it fails is its platform's
 * precise code: a used or expired code the page's (401), a wrong secret or key ours (502), an outage the outage codes.
 */
@ServiceTest
class CodeExchangeTest {

    @Autowired
    CodeExchanges exchanges;
    @Autowired
    MiniProgramApps apps;
    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    SandboxAlipay alipay;
    @Autowired
    MutableClock clock;

    @Fixture SandboxPhone phone;

    @Test
    void sandboxModeServesOneDemoAppPerPlatform() {
        assertThat(apps.require(SandboxApp.DEFAULT_APPID).platform()).isEqualTo(Platform.WECHAT);
        assertThat(apps.require(SandboxApp.DEFAULT_DOUYIN_APPID).platform()).isEqualTo(Platform.DOUYIN);
        assertThat(apps.require(SandboxApp.DEFAULT_QQ_APPID).platform()).isEqualTo(Platform.QQ);
        assertThat(apps.require(AlipayDemoApp.DEMO_APP_ID).platform()).isEqualTo(Platform.ALIPAY);
        assertThat(apps.all().toString()).doesNotContain(apps.require(SandboxApp.DEFAULT_DOUYIN_APPID).secret());
    }

    // ---- WeChat

    @Test
    void aWeChatCodeLogsItsUserInWithTheSessionKey() {
        SandboxPhone.Login login = phone.login(SandboxApp.DEFAULT_APPID, TestUsers.unique("xwechat"));
        PlatformSession session = exchanges.exchange(app(SandboxApp.DEFAULT_APPID), LoginCodes.of(login.code()));
        assertThat(session.platform()).isEqualTo(Platform.WECHAT);
        assertThat(session.openid()).isEqualTo(login.openid());
        assertThat(session.sessionKey()).isPresent();
    }

    @Test
    void aReplayedWeChatCodeIsWeChatsUsedCode() {
        String code = phone.login(SandboxApp.DEFAULT_APPID, TestUsers.unique("xwechat")).code();
        exchanges.exchange(app(SandboxApp.DEFAULT_APPID), LoginCodes.of(code));
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_APPID), LoginCodes.of(code)), ApiError.WX_CODE_USED);
    }

    // ---- Douyin

    @Test
    void aDouyinCodeLogsItsUserInWithUnionidAndSessionKey() {
        SandboxPhone.Login login = phone.douyinLogin(null, TestUsers.unique("xdouyin"), "device-1", true);
        PlatformSession session = exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID),
                new LoginCodes(login.code(), login.anonymousCode()));
        assertThat(session.platform()).isEqualTo(Platform.DOUYIN);
        assertThat(session.appid()).isEqualTo(SandboxApp.DEFAULT_DOUYIN_APPID);
        assertThat(session.openid()).isEqualTo(login.openid());
        assertThat(session.unionid()).contains(login.unionid());
        assertThat(session.sessionKey()).isPresent();
    }

    @Test
    void aReplayedDouyinCodeIsTheDouyinBadCode() {
        SandboxPhone.Login login = phone.douyinLogin(null, TestUsers.unique("xdouyin"), "device-2", true);
        exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(login.code()));
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(login.code())),
                ApiError.DOUYIN_CODE_INVALID);
    }

    @Test
    void anExpiredDouyinCodeIsTheDouyinBadCode() {
        SandboxPhone.Login login = phone.douyinLogin(null, TestUsers.unique("xdouyin"), "device-3", true);
        clock.advance(Duration.ofMinutes(6));
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(login.code())),
                ApiError.DOUYIN_CODE_INVALID);
    }

    @Test
    void anAnonymousCodeAloneLogsNobodyIn() {
        SandboxPhone.Login login = phone.douyinLogin(null, TestUsers.unique("xdouyin"), "device-4", false);
        assertThat(login.code()).isNull();
        long calls = sandbox.callCount("douyin.jscode2session");
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), new LoginCodes(null, login.anonymousCode())),
                ApiError.DOUYIN_LOGIN_REQUIRED);
        assertThat(sandbox.callCount("douyin.jscode2session")).isEqualTo(calls);
    }

    @Test
    void aWrongDouyinSecretIsOurConfigurationNotThePages() {
        SandboxPhone.Login login = phone.douyinLogin(null, TestUsers.unique("xdouyin"), "device-5", true);
        MiniProgramApp wrong = MiniProgramApp.withSecret(Platform.DOUYIN, SandboxApp.DEFAULT_DOUYIN_APPID, "not-the-secret");
        assertFails(() -> exchanges.exchange(wrong, LoginCodes.of(login.code())), ApiError.DOUYIN_CONFIG_REJECTED);
    }

    @Test
    void douyinFailingIsTheDouyinOutage() {
        SandboxPhone.Login login = phone.douyinLogin(null, TestUsers.unique("xdouyin"), "device-6", true);
        phone.fault("douyin.jscode2session", Fault.html502(), 1);
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(login.code())),
                ApiError.DOUYIN_BAD_RESPONSE);
        phone.fault("douyin.jscode2session", Fault.errcode(-1), 1);
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(login.code())),
                ApiError.DOUYIN_BUSY);
        phone.fault("douyin.jscode2session", Fault.reset(), 1);
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(login.code())),
                ApiError.DOUYIN_UNREACHABLE);
    }

    // ---- QQ

    @Test
    void aQqCodeLogsItsUserInWithTheSessionKey() {
        SandboxPhone.Login login = phone.login(SandboxPlatform.QQ, TestUsers.unique("xqq"));
        PlatformSession session = exchanges.exchange(app(SandboxApp.DEFAULT_QQ_APPID), LoginCodes.of(login.code()));
        assertThat(session.platform()).isEqualTo(Platform.QQ);
        assertThat(session.openid()).isEqualTo(login.openid());
        assertThat(session.unionid()).contains(login.unionid());
        assertThat(session.sessionKey()).isPresent();
    }

    @Test
    void aReplayedOrExpiredQqCodeIsTheQqBadCode() {
        String used = phone.login(SandboxPlatform.QQ, TestUsers.unique("xqq")).code();
        exchanges.exchange(app(SandboxApp.DEFAULT_QQ_APPID), LoginCodes.of(used));
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_QQ_APPID), LoginCodes.of(used)), ApiError.QQ_CODE_INVALID);

        String expired = phone.login(SandboxPlatform.QQ, TestUsers.unique("xqq")).code();
        clock.advance(Duration.ofMinutes(6));
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_QQ_APPID), LoginCodes.of(expired)), ApiError.QQ_CODE_INVALID);
    }

    @Test
    void aWrongQqSecretIsOurConfigurationAndQqFailingTheQqOutage() {
        String code = phone.login(SandboxPlatform.QQ, TestUsers.unique("xqq")).code();
        MiniProgramApp wrong = MiniProgramApp.withSecret(Platform.QQ, SandboxApp.DEFAULT_QQ_APPID, "not-the-secret");
        assertFails(() -> exchanges.exchange(wrong, LoginCodes.of(code)), ApiError.QQ_CONFIG_REJECTED);

        phone.fault("qq.jscode2session", Fault.html502(), 1);
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_QQ_APPID), LoginCodes.of(code)), ApiError.QQ_BAD_RESPONSE);
        phone.fault("qq.jscode2session", Fault.errcode(-1), 1);
        assertFails(() -> exchanges.exchange(app(SandboxApp.DEFAULT_QQ_APPID), LoginCodes.of(code)), ApiError.QQ_BUSY);
    }

    // ---- Alipay

    @Test
    void anAlipayAuthCodeLogsItsUserInWithoutASessionKey() {
        String user = TestUsers.unique("xalipay");
        String authCode = alipay.phone().getAuthCode(AlipayDemoApp.DEMO_APP_ID, user).authCode();
        PlatformSession session = exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(authCode));
        assertThat(session.platform()).isEqualTo(Platform.ALIPAY);
        assertThat(session.openid()).isEqualTo(alipay.users().openId(AlipayDemoApp.DEMO_APP_ID, user));
        assertThat(session.unionid()).isEmpty();
        assertThat(session.sessionKey()).isEmpty();
    }

    @Test
    void theSimulatedPhonesAlipayLoginNamesTheDemoAppAndItsCodeLogsIn() {
        SandboxPhone.Login login = phone.login(SandboxPlatform.ALIPAY, TestUsers.unique("xalipay"));
        assertThat(login.appid()).isEqualTo(AlipayDemoApp.DEMO_APP_ID);
        PlatformSession session = exchanges.exchange(app(login.appid()), LoginCodes.of(login.code()));
        assertThat(session.openid()).isEqualTo(login.openid());
    }

    @Test
    void aReplayedOrExpiredAlipayAuthCodeIsTheAlipayBadCode() {
        String used = alipay.phone().getAuthCode(AlipayDemoApp.DEMO_APP_ID, TestUsers.unique("xalipay")).authCode();
        exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(used));
        assertFails(() -> exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(used)), ApiError.ALIPAY_CODE_INVALID);

        String expired = alipay.phone().getAuthCode(AlipayDemoApp.DEMO_APP_ID, TestUsers.unique("xalipay")).authCode();
        clock.advance(Duration.ofMinutes(4));
        assertFails(() -> exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(expired)), ApiError.ALIPAY_CODE_INVALID);
    }

    @Test
    void aWrongAppPrivateKeyIsOurConfigurationNotThePages() {
        String authCode = alipay.phone().getAuthCode(AlipayDemoApp.DEMO_APP_ID, TestUsers.unique("xalipay")).authCode();
        // Keys Alipay never saw: the request's signature does not verify there.
        AlipayApp otherKeys = AlipayDemoApp.generate(AlipayDemoApp.DEMO_APP_ID, alipay.alipayPublicKey()).toAlipayApp();
        assertFails(() -> exchanges.exchange(MiniProgramApp.of(otherKeys), LoginCodes.of(authCode)), ApiError.ALIPAY_CONFIG_REJECTED);
    }

    @Test
    void aTamperedOrUnsignedAlipayAnswerIsNeverUsed() {
        String authCode = alipay.phone().getAuthCode(AlipayDemoApp.DEMO_APP_ID, TestUsers.unique("xalipay")).authCode();
        alipay.gateway().addFault(AlipayGatewayFault.TAMPERED_ANSWER);
        assertFails(() -> exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(authCode)), ApiError.ALIPAY_RESPONSE_UNVERIFIED);

        String another = alipay.phone().getAuthCode(AlipayDemoApp.DEMO_APP_ID, TestUsers.unique("xalipay")).authCode();
        alipay.gateway().addFault(AlipayGatewayFault.UNSIGNED_ANSWER);
        assertFails(() -> exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(another)), ApiError.ALIPAY_RESPONSE_UNVERIFIED);
    }

    @Test
    void alipayFailingIsTheAlipayOutage() {
        String authCode = alipay.phone().getAuthCode(AlipayDemoApp.DEMO_APP_ID, TestUsers.unique("xalipay")).authCode();
        alipay.gateway().addFault(AlipayGatewayFault.SYSTEM_BUSY);
        assertFails(() -> exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(authCode)), ApiError.ALIPAY_BUSY);
        alipay.gateway().addFault(AlipayGatewayFault.BAD_GATEWAY);
        assertFails(() -> exchanges.exchange(app(AlipayDemoApp.DEMO_APP_ID), LoginCodes.of(authCode)), ApiError.ALIPAY_BAD_RESPONSE);
    }

    // ---- what every platform checks before sending

    @Test
    void aMissingOrMalformedCodeIsNeverSent() {
        for (MiniProgramApp app : apps.all()) {
            assertFails(() -> exchanges.exchange(app, LoginCodes.of(null)), ApiError.CODE_MISSING);
            assertFails(() -> exchanges.exchange(app, LoginCodes.of("bad code\n")), ApiError.CODE_MISSING);
        }
    }

    private MiniProgramApp app(String appid) {
        return apps.require(appid);
    }

    private static void assertFails(Runnable exchange, ApiError expected) {
        Throwable failure = catchThrowable(exchange::run);
        assertThat(failure).as("expected %s", expected).isNotNull();
        assertThat(ApiErrorMapping.of(failure)).as("%s", failure).isEqualTo(expected);
    }
}
