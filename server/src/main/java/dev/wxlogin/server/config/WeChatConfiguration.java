package dev.wxlogin.server.config;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.server.redis.RedisAccessTokenStore;
import dev.wxlogin.server.redis.RedisConnections;
import dev.wxlogin.server.config.SandboxConfiguration.SandboxCredentials;
import dev.wxlogin.server.config.SandboxConfiguration.SandboxEndpoint;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import dev.wxlogin.wechat.phone.PhoneNumberClient;
import dev.wxlogin.wechat.session.Code2SessionClient;
import dev.wxlogin.wechat.session.SessionKeyChecker;
import dev.wxlogin.wechat.token.AccessTokenCache;
import dev.wxlogin.wechat.token.AccessTokenCacheSettings;
import dev.wxlogin.wechat.token.AccessTokenEndpoint;
import dev.wxlogin.wechat.token.AccessTokenFetcher;
import dev.wxlogin.wechat.token.InMemoryAccessTokenStore;
import dev.wxlogin.wechat.token.SharedAccessTokenStore;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;

/** The WeChat protocol core, wired to the configured apps, or to the sandbox in sandbox mode. */
@Configuration(proxyBeanMethods = false)
class WeChatConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WeChatConfiguration.class);

    /** Every app served: in sandbox mode those the sandbox was started for, else the configured ones. */
    @Bean
    WeChatApps weChatApps(WxLoginProperties properties, ObjectProvider<SandboxCredentials> sandbox) {
        SandboxCredentials sandboxCredentials = sandbox.getIfAvailable();
        if (sandboxCredentials != null) {
            return new WeChatApps(sandboxCredentials.apps());
        }
        List<WeChatApp> apps = configuredApps(properties);
        if (apps.isEmpty()) {
            throw new MissingWeChatCredentialsException();
        }
        WeChatApps weChatApps = new WeChatApps(apps);
        LOG.info("Serving {} mini program(s): {}", weChatApps.size(), weChatApps);
        return weChatApps;
    }

    /**
     * The apps configured, default first: {@code WXLOGIN_APPID}/{@code WXLOGIN_SECRET}, then
     * {@code wxlogin.extra-apps[i]}, then {@code WXLOGIN_APPS}. Empty when nothing is configured.
     */
    static List<WeChatApp> configuredApps(WxLoginProperties properties) {
        List<WeChatApp> apps = new ArrayList<>();
        if (!isBlank(properties.appid()) && !isBlank(properties.secret())) {
            apps.add(new WeChatApp(properties.appid().trim(), properties.secret().trim()));
        }
        if (properties.extraApps() != null) {
            for (WxLoginProperties.App app : properties.extraApps()) {
                if (app == null || isBlank(app.appid()) || isBlank(app.secret())) {
                    throw new IllegalArgumentException("every wxlogin.extra-apps entry needs an appid and a secret");
                }
                apps.add(new WeChatApp(app.appid().trim(), app.secret().trim()));
            }
        }
        apps.addAll(WeChatApps.parse(properties.appList()));
        return apps;
    }

    @Bean
    WeChatApiTransport weChatApiTransport(WxLoginProperties properties, ObjectProvider<SandboxEndpoint> sandbox) {
        WxLoginProperties.WeChat wechat = properties.wechat();
        SandboxEndpoint sandboxEndpoint = sandbox.getIfAvailable();
        URI baseUrl = sandboxEndpoint != null ? sandboxEndpoint.baseUrl() : wechat.baseUrl();
        if (sandboxEndpoint == null && !WeChatClientSettings.PRODUCTION.equals(baseUrl)) {
            LOG.warn("WeChat base URL is {}, not WeChat's production address", baseUrl);
        }
        return new WeChatApiTransport(new WeChatClientSettings(
                baseUrl, wechat.connectTimeout(), wechat.requestTimeout(), wechat.busyRetries(), wechat.busyBackoff()));
    }

    @Bean
    Code2SessionClient code2SessionClient(WeChatApiTransport transport) {
        return new Code2SessionClient(transport);
    }

    /** Where access_tokens come from: {@code WXLOGIN_WECHAT_TOKEN_ENDPOINT} = {@code stable} (default) or {@code legacy}. */
    @Bean
    AccessTokenFetcher accessTokenFetcher(WeChatApiTransport transport, WxLoginProperties properties) {
        String endpoint = properties.wechat().tokenEndpoint().trim().toLowerCase(Locale.ROOT);
        AccessTokenEndpoint chosen = switch (endpoint) {
            case "stable" -> AccessTokenEndpoint.STABLE;
            case "legacy" -> AccessTokenEndpoint.LEGACY;
            default -> throw new IllegalArgumentException(
                    "WXLOGIN_WECHAT_TOKEN_ENDPOINT must be 'stable' or 'legacy', not '" + endpoint + "'");
        };
        return new AccessTokenFetcher(transport, chosen, Clock.systemUTC());
    }

    /**
     * Each app's access_token: in Redis when it is configured, so that one fetch serves every
     * instance (one refresh across the cluster), else in this process.
     */
    @Bean
    AccessTokenCache accessTokenCache(AccessTokenFetcher fetcher, ObjectProvider<RedisConnections> redis) {
        RedisConnections connections = redis.getIfAvailable();
        SharedAccessTokenStore store = connections != null
                ? new RedisAccessTokenStore(connections, Clock.systemUTC())
                : new InMemoryAccessTokenStore();
        LOG.info("WeChat access_tokens from {} kept {}", fetcher.endpoint(), connections != null ? "in Redis, shared" : "in memory");
        return new AccessTokenCache(fetcher, store, AccessTokenCacheSettings.defaults(), Clock.systemUTC());
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
