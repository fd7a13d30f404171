package dev.wxlogin.server.platform;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.wxlogin.alipay.gateway.AlipayClientSettings;
import dev.wxlogin.alipay.gateway.AlipayGatewayClient;
import dev.wxlogin.alipay.oauth.OauthTokenClient;
import dev.wxlogin.douyin.DouyinApiTransport;
import dev.wxlogin.douyin.DouyinClientSettings;
import dev.wxlogin.douyin.DouyinCode2SessionClient;
import dev.wxlogin.qq.QqClientSettings;
import dev.wxlogin.qq.QqCode2SessionClient;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.outage.OutageGuardsFixture;
import dev.wxlogin.server.outage.PlatformGuards;
import dev.wxlogin.server.outage.WeChatGuard;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.session.Code2SessionClient;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The real code exchanges of every platform, talking HTTP to a running {@link SandboxWeChat} as the
 * service in sandbox mode does (WeChatConfiguration and PlatformClientsConfiguration, with the default timeouts
 * and busy retries of {@code wxlogin.wechat.*}), each through its outage guard.
 */
public final class CodeExchangesFixture {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private CodeExchangesFixture() {
    }

    public static CodeExchanges overSandbox(SandboxWeChat sandbox, MeterRegistry meters, Clock clock) {
        WeChatGuard weChatGuard = OutageGuardsFixture.weChatGuard(meters, clock);
        PlatformGuards guards = OutageGuardsFixture.platformGuards(weChatGuard, meters, clock);
        Code2SessionClient weChat = new Code2SessionClient(new WeChatApiTransport(
                new WeChatClientSettings(sandbox.baseUrl(), CONNECT_TIMEOUT, REQUEST_TIMEOUT, 2, Duration.ofMillis(100))));
        DouyinCode2SessionClient douyin = new DouyinCode2SessionClient(new DouyinApiTransport(
                new DouyinClientSettings(sandbox.baseUrl(SandboxPlatform.DOUYIN), CONNECT_TIMEOUT, REQUEST_TIMEOUT)));
        QqCode2SessionClient qq = new QqCode2SessionClient(
                new QqClientSettings(sandbox.baseUrl(SandboxPlatform.QQ), CONNECT_TIMEOUT, REQUEST_TIMEOUT));
        OauthTokenClient alipay = new OauthTokenClient(new AlipayGatewayClient(new AlipayClientSettings(
                URI.create(sandbox.baseUrl(SandboxPlatform.ALIPAY) + "/gateway.do"), CONNECT_TIMEOUT, REQUEST_TIMEOUT)));
        return new CodeExchanges(List.of(new WeChatCodeExchange(weChat, weChatGuard), new DouyinCodeExchange(douyin, guards),
                new QqCodeExchange(qq, guards), new AlipayCodeExchange(alipay, guards)));
    }
}
