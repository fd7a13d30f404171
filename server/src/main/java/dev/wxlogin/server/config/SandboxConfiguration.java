package dev.wxlogin.server.config;

import java.io.IOException;
import java.net.URI;
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

/**
 * Sandbox mode: only when {@code wxlogin.sandbox.enabled=true} is set explicitly. Starts the
 * sandbox WeChat in-process and points the service at it, and says so loudly.
 *
 * <p>The only class of the service that names the sandbox's classes: outside sandbox mode this
 * configuration is skipped before it is loaded, so the service starts and serves without the
 * sandbox on its class path. The rest of the service sees {@link SandboxCredentials} and
 * {@link SandboxEndpoint}, which are its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wxlogin.sandbox.enabled")
class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    /**
     * The apps the sandbox accepts: the configured ones, else a demo appid with a random secret.
     * All are bound to one Open Platform account, so that one person's unionid links their users.
     */
    @Bean
    SandboxCredentials sandboxCredentials(WxLoginProperties properties) {
        List<WeChatApp> configured = WeChatConfiguration.configuredApps(properties);
        if (!configured.isEmpty()) {
            return new SandboxCredentials(new WeChatApps(configured).all());
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return new SandboxCredentials(List.of(new WeChatApp(SandboxApp.DEFAULT_APPID, Base64.getUrlEncoder().encodeToString(secret))));
    }

    @Bean(destroyMethod = "close")
    SandboxWeChat sandboxWeChat(WxLoginProperties properties, SandboxCredentials credentials) throws IOException {
        List<SandboxApp> apps = credentials.apps().stream().map(app -> new SandboxApp(app.appid(), app.secret(), true)).toList();
        SandboxWeChat sandbox = SandboxWeChat.start(new SandboxSettings("127.0.0.1", properties.sandbox().port(),
                apps, Duration.ofMinutes(5), Clock.systemUTC(), properties.sandbox().tokenLifetime()));
        LOG.warn("""

                ****************************************************************************
                *  SANDBOX MODE: logins go to the sandbox WeChat at {}, NOT to WeChat.
                *  appid(s) {}. Simulated phone: POST {}/sandbox/phone/login
                *  Never run a production deployment with WXLOGIN_SANDBOX=true.
                ****************************************************************************""",
                sandbox.baseUrl(), credentials.apps().stream().map(WeChatApp::appid).toList(), sandbox.baseUrl());
        return sandbox;
    }

    @Bean
    SandboxEndpoint sandboxEndpoint(SandboxWeChat sandbox) {
        return new SandboxEndpoint(sandbox.baseUrl());
    }

    /** The apps the sandbox was started for, default first. */
    record SandboxCredentials(List<WeChatApp> apps) {
    }

    /** Where the running sandbox answers, in place of WeChat's base URL. */
    record SandboxEndpoint(URI baseUrl) {
    }
}
