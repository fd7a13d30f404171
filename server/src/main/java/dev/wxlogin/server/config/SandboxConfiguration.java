package dev.wxlogin.server.config;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.sandbox.alipay.AlipayDemoApp;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.wechat.api.WeChatApiTransport;

/**
 * Sandbox mode: only when {@code wxlogin.sandbox.enabled=true} is set explicitly. Starts the
 * sandbox WeChat in-process and points the service at it, and says so loudly.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wxlogin.sandbox.enabled")
class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The apps the sandbox WeChat registers: the configured ones; for each platform none is configured for,
     * its demo app with a random secret. All apps of a platform are bound to one developer account, so that
     * one person's unionid links their users.
     */
    @Bean
    SandboxRegisteredApps sandboxRegisteredApps(WxLoginProperties properties) {
        List<MiniProgramApp> apps = new ArrayList<>(ConfiguredApps.read(properties));
        if (apps.stream().anyMatch(app -> app.platform() == Platform.ALIPAY)) {
            throw new StartRefusedException("an Alipay app is configured in sandbox mode, whose Alipay knows only its demo app "
                    + AlipayDemoApp.DEMO_APP_ID, "Remove the Alipay app from the configuration, or turn sandbox mode off.");
        }
        addDemoApp(apps, Platform.WECHAT, SandboxApp.DEFAULT_APPID);
        addDemoApp(apps, Platform.DOUYIN, SandboxApp.DEFAULT_DOUYIN_APPID);
        addDemoApp(apps, Platform.QQ, SandboxApp.DEFAULT_QQ_APPID);
        return new SandboxRegisteredApps(List.copyOf(apps));
    }

    /** The apps served: those the sandbox WeChat registered, and the sandbox Alipay's demo app with the keys it made at this start. */
    @Bean
    MiniProgramApps miniProgramApps(SandboxRegisteredApps registered, SandboxWeChat sandbox) {
        List<MiniProgramApp> apps = new ArrayList<>(registered.apps());
        apps.add(MiniProgramApp.of(sandbox.alipay().demoApp().toAlipayApp()));
        return new MiniProgramApps(apps);
    }

    private static void addDemoApp(List<MiniProgramApp> apps, Platform platform, String appid) {
        if (apps.stream().noneMatch(app -> app.platform() == platform)) {
            byte[] secret = new byte[16];
            RANDOM.nextBytes(secret);
            apps.add(MiniProgramApp.withSecret(platform, appid, Base64.getUrlEncoder().encodeToString(secret)));
        }
    }

    @Bean
    WeChatApps weChatApps(MiniProgramApps apps) {
        return apps.weChatApps();
    }

    /** The sandbox Alipay the sandbox WeChat serves under {@code /alipay}. */
    @Bean
    SandboxAlipay sandboxAlipay(SandboxWeChat sandbox) {
        return sandbox.alipay();
    }

    @Bean(destroyMethod = "close")
    SandboxWeChat sandboxWeChat(WxLoginProperties properties, SandboxRegisteredApps registered, Clock clock) throws IOException {
        List<SandboxApp> apps = registered.apps().stream().map(app -> switch (app.platform()) {
            case DOUYIN -> SandboxApp.douyin(app.appid(), app.secret(), true);
            case QQ -> SandboxApp.qq(app.appid(), app.secret(), true);
            default -> new SandboxApp(app.appid(), app.secret(), true);
        }).toList();
        SandboxWeChat sandbox = SandboxWeChat.start(new SandboxSettings("127.0.0.1", properties.sandbox().port(),
                apps, Duration.ofMinutes(5), clock, properties.sandbox().tokenLifetime()));
        LOG.warn("""

                ****************************************************************************
                *  SANDBOX MODE: logins go to the sandbox WeChat at {}, NOT to WeChat.
                *  appid(s) {}, alipay:{}. Simulated phone: POST {}/sandbox/phone/login
                *  Never run a production deployment with WXLOGIN_SANDBOX=true.
                ****************************************************************************""",
                sandbox.baseUrl(), registered.apps(), AlipayDemoApp.DEMO_APP_ID, sandbox.baseUrl());
        return sandbox;
    }

    /** Douyin, QQ and Alipay, answered by the sandbox under {@code /douyin}, {@code /qq} and {@code /alipay}. */
    @Bean
    PlatformEndpoints platformEndpoints(SandboxWeChat sandbox) {
        return new PlatformEndpoints(sandbox.baseUrl(SandboxPlatform.DOUYIN), sandbox.baseUrl(SandboxPlatform.QQ),
                URI.create(sandbox.baseUrl(SandboxPlatform.ALIPAY) + "/gateway.do"));
    }

    /** The apps the sandbox WeChat registers, secrets included; a bean so the WeChat sandbox and the apps served agree. */
    record SandboxRegisteredApps(List<MiniProgramApp> apps) {
    }

    /** WeChat's API, answered by the sandbox. */
    @Bean
    WeChatApiTransport weChatApiTransport(SandboxWeChat sandbox, WxLoginProperties properties) {
        return WeChatConfiguration.transport(sandbox.baseUrl(), properties.wechat());
    }
}
