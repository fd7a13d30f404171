package dev.wxlogin.server.config;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.server.redis.ConditionalOnNoRedis;
import dev.wxlogin.server.redis.ConditionalOnRedis;
import dev.wxlogin.server.redis.RedisAccessTokenStore;
import dev.wxlogin.server.redis.RedisConnections;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.phone.PhoneNumberClient;
import dev.wxlogin.wechat.session.Code2SessionClient;
import dev.wxlogin.wechat.session.SessionKeyChecker;
import dev.wxlogin.wechat.token.AccessTokenCache;
import dev.wxlogin.wechat.token.AccessTokenCacheSettings;
import dev.wxlogin.wechat.token.AccessTokenFetcher;
import dev.wxlogin.wechat.token.InMemoryAccessTokenStore;
import dev.wxlogin.wechat.token.SharedAccessTokenStore;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;

/**
 * The WeChat protocol core. Which WeChat it talks to ({@link WeChatApps} and {@link WeChatApiTransport})
 * comes from {@link RealWeChat} or, in sandbox mode, from {@link SandboxConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class WeChatConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WeChatConfiguration.class);

    /** WeChat itself (not the sandbox): the configured apps, at the configured address. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "wxlogin.sandbox.enabled", havingValue = false, matchIfMissing = true)
    static class RealWeChat {

        @Bean
        MiniProgramApps miniProgramApps(WxLoginProperties properties) {
            List<MiniProgramApp> apps = ConfiguredApps.read(properties);
            if (apps.stream().noneMatch(app -> app.platform() == Platform.WECHAT)) {
                // The WeChat endpoints (legacy login, scan sign-in) need a default WeChat app.
                throw new MissingWeChatCredentialsException();
            }
            MiniProgramApps served = new MiniProgramApps(apps);
            LOG.info("Serving {} mini program(s): {}", served.size(), served);
            return served;
        }

        @Bean
        WeChatApps weChatApps(MiniProgramApps apps) {
            return apps.weChatApps();
        }

        /** Douyin, QQ and Alipay themselves, at the configured addresses. */
        @Bean
        PlatformEndpoints platformEndpoints(WxLoginProperties properties) {
            PlatformEndpoints endpoints = new PlatformEndpoints(properties.douyin().baseUrl(), properties.qq().baseUrl(),
                    properties.alipay().gatewayUrl());
            endpoints.warnIfNotProduction(LOG);
            return endpoints;
        }

        @Bean
        WeChatApiTransport weChatApiTransport(WxLoginProperties properties) {
            URI baseUrl = properties.wechat().baseUrl();
            if (!WeChatClientSettings.PRODUCTION.equals(baseUrl)) {
                LOG.warn("WeChat base URL is {}, not WeChat's production address", baseUrl);
            }
            return transport(baseUrl, properties.wechat());
        }
    }

    /** The HTTP client for WeChat's API at {@code baseUrl} (WeChat's, or the sandbox's). */
    static WeChatApiTransport transport(URI baseUrl, WxLoginProperties.WeChat wechat) {
        return new WeChatApiTransport(new WeChatClientSettings(
                baseUrl, wechat.connectTimeout(), wechat.requestTimeout(), wechat.busyRetries(), wechat.busyBackoff()));
    }

    @Bean
    Code2SessionClient code2SessionClient(WeChatApiTransport transport) {
        return new Code2SessionClient(transport);
    }

    /** Where access_tokens come from: {@code WXLOGIN_WECHAT_TOKEN_ENDPOINT} = {@code stable} (default) or {@code legacy}. */
    @Bean
    AccessTokenFetcher accessTokenFetcher(WeChatApiTransport transport, WxLoginProperties properties, Clock clock) {
        return new AccessTokenFetcher(transport, properties.wechat().tokenEndpoint(), clock);
    }

    /** Each app's access_token, shared in Redis by every instance (one refresh across the cluster). */
    @Bean
    @ConditionalOnRedis
    SharedAccessTokenStore redisAccessTokenStore(RedisConnections redis, Clock clock) {
        return new RedisAccessTokenStore(redis, clock);
    }

    /** Each app's access_token, kept by this instance alone. */
    @Bean
    @ConditionalOnNoRedis
    SharedAccessTokenStore inMemoryAccessTokenStore(Clock clock) {
        return new InMemoryAccessTokenStore(clock);
    }

    @Bean
    AccessTokenCache accessTokenCache(AccessTokenFetcher fetcher, SharedAccessTokenStore store, Clock clock) {
        LOG.info("WeChat access_tokens from {} kept {}", fetcher.endpoint(),
                store instanceof RedisAccessTokenStore ? "in Redis, shared" : "in memory");
        return new AccessTokenCache(fetcher, store, AccessTokenCacheSettings.defaults(), clock);
    }

    @Bean
    TokenAuthorizedTransport tokenAuthorizedTransport(WeChatApiTransport transport, AccessTokenCache tokens) {
        return new TokenAuthorizedTransport(transport, tokens);
    }

    @Bean
    PhoneNumberClient phoneNumberClient(TokenAuthorizedTransport calls) {
        return new PhoneNumberClient(calls);
    }

    @Bean
    SessionKeyChecker sessionKeyChecker(TokenAuthorizedTransport calls) {
        return new SessionKeyChecker(calls);
    }

    @Bean
    EncryptedDataDecryptor encryptedDataDecryptor(WxLoginProperties properties, Clock clock) {
        WatermarkPolicy policy = WatermarkPolicy.of(properties.watermarkMaxAge()).withClockOf(clock);
        if (!policy.checksFreshness()) {
            LOG.warn("Watermark freshness check is OFF (WXLOGIN_WATERMARK_MAX_AGE=0): replayed encrypted data will be accepted");
        }
        return new EncryptedDataDecryptor(policy);
    }
}
