package dev.wxlogin.server.config;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiTransport;

/**
 * Sandbox mode: only when {@code wxlogin.sandbox.enabled=true} is set explicitly. Starts the
 * sandbox WeChat in-process and points the service at it, and says so loudly.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wxlogin.sandbox.enabled")
class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    /**
     * The apps the sandbox accepts, and so the apps served: the configured ones, else a demo appid
     * with a random secret. All are bound to one Open Platform account, so that one person's unionid
     * links their users.
     */
    @Bean
    WeChatApps weChatApps(WxLoginProperties properties) {
        List<WeChatApp> configured = WeChatConfiguration.configuredApps(properties);
        if (!configured.isEmpty()) {
            return new WeChatApps(configured);
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return new WeChatApps(List.of(new WeChatApp(SandboxApp.DEFAULT_APPID, Base64.getUrlEncoder().encodeToString(secret))));
    }

    @Bean(destroyMethod = "close")
    SandboxWeChat sandboxWeChat(WxLoginProperties properties, WeChatApps served, Clock clock) throws IOException {
        List<SandboxApp> apps = served.all().stream().map(app -> new SandboxApp(app.appid(), app.secret(), true)).toList();
        SandboxWeChat sandbox = SandboxWeChat.start(new SandboxSettings("127.0.0.1", properties.sandbox().port(),
                apps, Duration.ofMinutes(5), clock, properties.sandbox().tokenLifetime()));
        LOG.warn("""

                ****************************************************************************
                *  SANDBOX MODE: logins go to the sandbox WeChat at {}, NOT to WeChat.
                *  appid(s) {}. Simulated phone: POST {}/sandbox/phone/login
                *  Never run a production deployment with WXLOGIN_SANDBOX=true.
                ****************************************************************************""",
                sandbox.baseUrl(), served.all().stream().map(WeChatApp::appid).toList(), sandbox.baseUrl());
        return sandbox;
    }

    /** WeChat's API, answered by the sandbox. */
    @Bean
    WeChatApiTransport weChatApiTransport(SandboxWeChat sandbox, WxLoginProperties properties) {
        return WeChatConfiguration.transport(sandbox.baseUrl(), properties.wechat());
    }
}
