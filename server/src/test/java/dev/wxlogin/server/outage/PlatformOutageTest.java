package dev.wxlogin.server.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.platform.CodeExchanges;
import dev.wxlogin.server.platform.LoginCodes;
import dev.wxlogin.server.platform.PlatformSession;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Each platform has its own breaker: Douyin failing opens Douyin's, whose calls are then refused with
 * DOUYIN_UNAVAILABLE without reaching Douyin, while WeChat and QQ logins go on.
 */
@ServiceTest
@TestPropertySource(properties = {
        "wxlogin.wechat.breaker.window=4",
        "wxlogin.wechat.breaker.minimum-calls=4",
        "wxlogin.wechat.breaker.failure-rate=50",
        "wxlogin.wechat.breaker.open-for=60s",
})
class PlatformOutageTest {

    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    CodeExchanges exchanges;
    @Autowired
    MiniProgramApps apps;
    @Autowired
    PlatformGuards guards;
    @Autowired
    WeChatGuard weChat;

    @Test
    void aDouyinOutageOpensDouyinsBreakerOnly() {
        SandboxPhone phone = new SandboxPhone(sandbox.baseUrl());
        phone.fault("douyin.jscode2session", Fault.html502(), 4);
        for (int i = 0; i < 4; i++) {
            String code = phone.douyinLogin(null, TestUsers.unique("odouyin"), "device", true).code();
            Throwable failure = catchThrowable(() -> exchanges.exchange(apps.require(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(code)));
            assertThat(ApiErrorMapping.of(failure)).isEqualTo(ApiError.DOUYIN_BAD_RESPONSE);
        }
        assertThat(guards.of(Platform.DOUYIN).state()).isEqualTo(CircuitBreaker.State.OPEN);

        long douyinCalls = sandbox.callCount("douyin.jscode2session");
        String code = phone.douyinLogin(null, TestUsers.unique("odouyin"), "device", true).code();
        Throwable refused = catchThrowable(() -> exchanges.exchange(apps.require(SandboxApp.DEFAULT_DOUYIN_APPID), LoginCodes.of(code)));
        assertThat(refused).isInstanceOf(PlatformCallRefusedException.class);
        assertThat(ApiErrorMapping.of(refused)).isEqualTo(ApiError.DOUYIN_UNAVAILABLE);
        assertThat(((PlatformCallRefusedException) refused).retryAfter()).isPresent();
        assertThat(sandbox.callCount("douyin.jscode2session")).isEqualTo(douyinCalls);

        assertThat(weChat.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(guards.of(Platform.QQ).state()).isEqualTo(CircuitBreaker.State.CLOSED);
        String weChatCode = phone.login(SandboxApp.DEFAULT_APPID, TestUsers.unique("owechat")).code();
        PlatformSession session = exchanges.exchange(apps.require(SandboxApp.DEFAULT_APPID), LoginCodes.of(weChatCode));
        assertThat(session.platform()).isEqualTo(Platform.WECHAT);
    }
}
