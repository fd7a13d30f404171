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
import dev.wxlogin.wechat.WeChatApp;

/**
 * Sandbox mode: only when {@code wxlogin.sandbox.enabled=true} is set explicitly. Starts the
 * sandbox WeChat in-process and points the service at it, and says so loudly.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wxlogin.sandbox.enabled")
class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    /** The credentials the sandbox accepts: the configured ones, else a demo appid and a random secret. */
    @Bean
    SandboxCredentials sandboxCredentials(WxLoginProperties properties) {
        boolean configured = properties.appid() != null && !properties.appid().isBlank()
                && properties.secret() != null && !properties.secret().isBlank();
        if (configured) {
            return new SandboxCredentials(new WeChatApp(properties.appid(), properties.secret()));
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return new SandboxCredentials(new WeChatApp(SandboxApp.DEFAULT_APPID, Base64.getUrlEncoder().encodeToString(secret)));
    }

    @Bean(destroyMethod = "close")
    SandboxWeChat sandboxWeChat(WxLoginProperties properties, SandboxCredentials credentials) throws IOException {
        WeChatApp app = credentials.app();
        SandboxWeChat sandbox = SandboxWeChat.start(new SandboxSettings("127.0.0.1", properties.sandbox().port(),
                List.of(new SandboxApp(app.appid(), app.secret(), true)), Duration.ofMinutes(5), Clock.systemUTC()));
        LOG.warn("""

                ****************************************************************************
                *  SANDBOX MODE: logins go to the sandbox WeChat at {}, NOT to WeChat.
                *  appid {}. Simulated phone: POST {}/sandbox/phone/login
                *  Never run a production deployment with WXLOGIN_SANDBOX=true.
                ****************************************************************************""",
                sandbox.baseUrl(), app.appid(), sandbox.baseUrl());
        return sandbox;
    }

    /** The app the sandbox was started for. */
    record SandboxCredentials(WeChatApp app) {
    }
}
