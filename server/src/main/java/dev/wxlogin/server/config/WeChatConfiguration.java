package dev.wxlogin.server.config;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.config.SandboxConfiguration.SandboxCredentials;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.session.Code2SessionClient;

/** The WeChat protocol core, wired to the configured app, or to the sandbox in sandbox mode. */
@Configuration(proxyBeanMethods = false)
class WeChatConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WeChatConfiguration.class);

    @Bean
    WeChatApp weChatApp(WxLoginProperties properties, ObjectProvider<SandboxCredentials> sandbox) {
        SandboxCredentials sandboxCredentials = sandbox.getIfAvailable();
        if (sandboxCredentials != null) {
            return sandboxCredentials.app();
        }
        if (isBlank(properties.appid()) || isBlank(properties.secret())) {
            throw new MissingWeChatCredentialsException();
        }
        return new WeChatApp(properties.appid(), properties.secret());
    }

    @Bean
    WeChatApiTransport weChatApiTransport(WxLoginProperties properties, ObjectProvider<SandboxWeChat> sandbox) {
        WxLoginProperties.WeChat wechat = properties.wechat();
        SandboxWeChat sandboxWeChat = sandbox.getIfAvailable();
        URI baseUrl = sandboxWeChat != null ? sandboxWeChat.baseUrl() : wechat.baseUrl();
        if (sandboxWeChat == null && !WeChatClientSettings.PRODUCTION.equals(baseUrl)) {
            LOG.warn("WeChat base URL is {}, not WeChat's production address", baseUrl);
        }
        return new WeChatApiTransport(new WeChatClientSettings(
                baseUrl, wechat.connectTimeout(), wechat.requestTimeout(), wechat.busyRetries(), wechat.busyBackoff()));
    }

    @Bean
    Code2SessionClient code2SessionClient(WeChatApiTransport transport) {
        return new Code2SessionClient(transport);
    }

    @Bean
    EncryptedDataDecryptor encryptedDataDecryptor(WxLoginProperties properties) {
        WatermarkPolicy policy = WatermarkPolicy.of(properties.watermarkMaxAge());
        if (!policy.checksFreshness()) {
            LOG.warn("Watermark freshness check is OFF (WXLOGIN_WATERMARK_MAX_AGE=0): replayed encrypted data will be accepted");
        }
        return new EncryptedDataDecryptor(policy);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
