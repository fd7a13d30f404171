package dev.wxlogin.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * The documented {@code WXLOGIN_...} environment variables, each mapped to the property it sets,
 * and the two defaults that are derived from other settings. Defaults of {@code wxlogin.*} live
 * only in the properties records ({@code @DefaultValue}); this class adds nothing for a variable
 * that is unset or empty, so the record's default applies.
 *
 * <p>The mapped values rank just below the environment itself: command-line arguments, system
 * properties and the property's own name in the environment outrank them; application.yml does not.
 * Adding a setting: a record component with its {@code @DefaultValue}, a line in {@link #VARIABLES},
 * a row in the configuration table of docs/configuration.md (a test checks that the three agree).
 */
public final class EnvironmentVariableMapping implements EnvironmentPostProcessor, Ordered {

    /** Name of the property source holding the mapped variables. */
    static final String MAPPED = "wxloginEnvironmentVariables";
    /** Name of the lowest-ranked property source holding the derived defaults. */
    static final String DERIVED = "wxloginDerivedDefaults";
    /**
     * The embedded database's page cache (KB): 64 MB rather than H2's 16, since under load its default
     * evicts and re-reads the pages of the tables every login writes to.
     */
    static final int H2_CACHE_KB = 65_536;

    /** Each documented variable and the property it sets, in the order of docs/configuration.md. */
    public static final Map<String, String> VARIABLES = variables();

    private static Map<String, String> variables() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("WXLOGIN_APPID", "wxlogin.appid");
        map.put("WXLOGIN_SECRET", "wxlogin.secret");
        map.put("WXLOGIN_WECHAT_BASE_URL", "wxlogin.wechat.base-url");
        map.put("WXLOGIN_WECHAT_CONNECT_TIMEOUT", "wxlogin.wechat.connect-timeout");
        map.put("WXLOGIN_WECHAT_REQUEST_TIMEOUT", "wxlogin.wechat.request-timeout");
        map.put("WXLOGIN_WECHAT_BUSY_RETRIES", "wxlogin.wechat.busy-retries");
        map.put("WXLOGIN_WECHAT_MAX_CONCURRENT_CALLS", "wxlogin.wechat.max-concurrent-calls");
        map.put("WXLOGIN_WECHAT_BREAKER_WINDOW", "wxlogin.wechat.breaker.window");
        map.put("WXLOGIN_WECHAT_BREAKER_MINIMUM_CALLS", "wxlogin.wechat.breaker.minimum-calls");
        map.put("WXLOGIN_WECHAT_BREAKER_FAILURE_RATE", "wxlogin.wechat.breaker.failure-rate");
        map.put("WXLOGIN_WECHAT_BREAKER_OPEN_FOR", "wxlogin.wechat.breaker.open-for");
        map.put("WXLOGIN_WECHAT_BREAKER_HALF_OPEN_CALLS", "wxlogin.wechat.breaker.half-open-calls");
        map.put("WXLOGIN_WATERMARK_MAX_AGE", "wxlogin.watermark-max-age");
        map.put("WXLOGIN_MAX_REQUEST_SIZE", "wxlogin.max-request-size");
        map.put("WXLOGIN_DATA_DIR", "wxlogin.data-dir");
        map.put("WXLOGIN_TOKEN_ISSUER", "wxlogin.token.issuer");
        map.put("WXLOGIN_TOKEN_AUDIENCE", "wxlogin.token.audience");
        map.put("WXLOGIN_ACCESS_TOKEN_TTL", "wxlogin.token.access-token-ttl");
        map.put("WXLOGIN_REFRESH_TOKEN_TTL", "wxlogin.token.refresh-token-ttl");
        map.put("WXLOGIN_REFRESH_REUSE_GRACE", "wxlogin.token.refresh-reuse-grace");
        map.put("WXLOGIN_SIGNING_KEY_ROTATE_AFTER", "wxlogin.token.signing-key-rotate-after");
        map.put("WXLOGIN_SIGNING_KEY_PUBLISH_AHEAD", "wxlogin.token.signing-key-publish-ahead");
        map.put("WXLOGIN_TOKEN_CLOCK_SKEW", "wxlogin.token.clock-skew");
        map.put("WXLOGIN_KEY_ENCRYPTION_SECRET", "wxlogin.token.key-encryption-secret");
        map.put("WXLOGIN_KEY_ENCRYPTION_SECRET_PREVIOUS", "wxlogin.token.key-encryption-secret-previous");
        map.put("WXLOGIN_PHONE_CODE_PENDING_TIMEOUT", "wxlogin.phone.pending-timeout");
        map.put("WXLOGIN_AUDIT_RETENTION", "wxlogin.audit.retention");
        map.put("WXLOGIN_AUDIT_HOURLY_COUNTS", "wxlogin.audit.hourly-counts");
        map.put("WXLOGIN_PURGE_BATCH_SIZE", "wxlogin.purge.batch-size");
        map.put("WXLOGIN_PURGE_PAUSE", "wxlogin.purge.pause");
        map.put("WXLOGIN_REVOCATION_CHECK_INTERVAL", "wxlogin.session.revocation-check-interval");
        map.put("WXLOGIN_INTROSPECTION_CLIENTS", "wxlogin.introspection.clients");
        map.put("WXLOGIN_WEB_LOGIN_TICKET_TTL", "wxlogin.web-login.ticket-ttl");
        map.put("WXLOGIN_WEB_LOGIN_APPID", "wxlogin.web-login.appid");
        map.put("WXLOGIN_WEB_LOGIN_SIGN_IN_TTL", "wxlogin.web-login.sign-in-ttl");
        map.put("WXLOGIN_WEB_LOGIN_EVENT_STREAMS", "wxlogin.web-login.event-streams");
        map.put("WXLOGIN_WEB_LOGIN_EVENT_STREAMS_PER_TICKET", "wxlogin.web-login.event-streams-per-ticket");
        map.put("WXLOGIN_OIDC_TOKEN_TTL", "wxlogin.oidc.id-token-ttl");
        map.put("WXLOGIN_OIDC_REFRESH_TOKEN_TTL", "wxlogin.oidc.refresh-token-ttl");
        map.put("WXLOGIN_AVATAR_DIR", "wxlogin.avatar.dir");
        map.put("WXLOGIN_AVATAR_MAX_SIZE", "wxlogin.avatar.max-size");
        map.put("WXLOGIN_APPS", "wxlogin.app-list");
        map.put("WXLOGIN_WECHAT_TOKEN_ENDPOINT", "wxlogin.wechat.token-endpoint");
        map.put("WXLOGIN_DOUYIN_BASE_URL", "wxlogin.douyin.base-url");
        map.put("WXLOGIN_QQ_BASE_URL", "wxlogin.qq.base-url");
        map.put("WXLOGIN_ALIPAY_GATEWAY_URL", "wxlogin.alipay.gateway-url");
        map.put("WXLOGIN_ALIPAY_APPID", "wxlogin.alipay.appid");
        map.put("WXLOGIN_ALIPAY_PRIVATE_KEY", "wxlogin.alipay.private-key");
        map.put("WXLOGIN_ALIPAY_PUBLIC_KEY", "wxlogin.alipay.public-key");
        map.put("WXLOGIN_ALIPAY_CONTENT_KEY", "wxlogin.alipay.content-key");
        map.put("WXLOGIN_SANDBOX_TOKEN_LIFETIME", "wxlogin.sandbox.token-lifetime");
        map.put("WXLOGIN_LINK_CONFIRM_WITHIN", "wxlogin.link.confirm-within");
        map.put("WXLOGIN_RATE_LIMIT_PER_IP", "wxlogin.rate-limit.per-client-ip");
        map.put("WXLOGIN_RATE_LIMIT_PER_USER", "wxlogin.rate-limit.per-user");
        map.put("WXLOGIN_RATE_LIMIT_PHONE_PER_USER", "wxlogin.rate-limit.phone-per-user");
        map.put("WXLOGIN_RATE_LIMIT_LINK_PER_USER", "wxlogin.rate-limit.link-per-user");
        map.put("WXLOGIN_RATE_LIMIT_SESSION_CHECK_PER_USER", "wxlogin.rate-limit.session-check-per-user");
        map.put("WXLOGIN_RATE_LIMIT_DECRYPT_PER_USER", "wxlogin.rate-limit.decrypt-per-user");
        map.put("WXLOGIN_RATE_LIMIT_AVATAR_PER_USER", "wxlogin.rate-limit.avatar-per-user");
        map.put("WXLOGIN_RATE_LIMIT_SCAN_PAGE_PER_IP", "wxlogin.rate-limit.scan-page-per-client-ip");
        map.put("WXLOGIN_REDIS_URL", "wxlogin.redis.url");
        map.put("WXLOGIN_REDIS_KEY_PREFIX", "wxlogin.redis.key-prefix");
        map.put("WXLOGIN_REDIS_TIMEOUT", "wxlogin.redis.timeout");
        map.put("WXLOGIN_SANDBOX", "wxlogin.sandbox.enabled");
        map.put("WXLOGIN_SANDBOX_PORT", "wxlogin.sandbox.port");
        map.put("WXLOGIN_ADMIN_USERNAME", "wxlogin.admin.username");
        map.put("WXLOGIN_ADMIN_PASSWORD", "wxlogin.admin.password");
        map.put("WXLOGIN_ADMIN_LOGIN_ATTEMPTS", "wxlogin.admin.login-attempts");
        map.put("WXLOGIN_ADMIN_LOGIN_WINDOW", "wxlogin.admin.login-attempt-window");
        map.put("WXLOGIN_MANAGEMENT_PORT", "management.server.port");
        map.put("WXLOGIN_MANAGEMENT_ADDRESS", "management.server.address");
        map.put("WXLOGIN_API_DOCS_ENABLED", "springdoc.api-docs.enabled");
        map.put("WXLOGIN_PORT", "server.port");
        map.put("WXLOGIN_SHUTDOWN_TIMEOUT", "spring.lifecycle.timeout-per-shutdown-phase");
        map.put("WXLOGIN_SHUTDOWN_DRAIN", "wxlogin.shutdown.drain");
        map.put("WXLOGIN_DATABASE_URL", "spring.datasource.url");
        map.put("WXLOGIN_DATABASE_USERNAME", "spring.datasource.username");
        map.put("WXLOGIN_DATABASE_PASSWORD", "spring.datasource.password");
        map.put("WXLOGIN_DATABASE_POOL_SIZE", "spring.datasource.hikari.maximum-pool-size");
        map.put("WXLOGIN_DATABASE_CONNECT_TIMEOUT_MS", "spring.datasource.hikari.connection-timeout");
        map.put("WXLOGIN_EMBEDDED_DATABASE_COMPACT_EVERY", "wxlogin.embedded-database.compact-every");
        return Collections.unmodifiableMap(map);
    }

    /** After the configuration files are read, before what reads the mapped settings (the management address). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        Map<String, Object> mapped = new LinkedHashMap<>();
        VARIABLES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null && !value.isEmpty()) {
                mapped.put(property, value);
            }
        });
        MapPropertySource mappedSource = new MapPropertySource(MAPPED, mapped);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, mappedSource);
        } else {
            sources.addLast(mappedSource);
        }

        // Defaults that follow other settings: the embedded database in the data dir, the issuer on our port.
        String dataDir = environment.getProperty("wxlogin.data-dir", WxLoginProperties.DEFAULT_DATA_DIR);
        String port = environment.getProperty("server.port", "8080");
        sources.addLast(new MapPropertySource(DERIVED, Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + dataDir + "/wxlogin;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + H2_CACHE_KB,
                "wxlogin.token.issuer", "http://localhost:" + port)));
    }
}
