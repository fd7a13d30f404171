package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import dev.wxlogin.server.WxLoginApplication;
import dev.wxlogin.server.crypto.SecretHashing;
import dev.wxlogin.server.ratelimit.RateLimitProperties;
import dev.wxlogin.server.redis.RedisProperties;
import dev.wxlogin.wechat.token.AccessTokenEndpoint;
import dev.wxlogin.wechat.token.AccessTokenFetcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code WXLOGIN_...} variables work exactly as the configuration table (docs/configuration.md) documents them,
 * and the defaults come from the properties records.
 */
class EnvironmentVariableMappingTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9.\\[\\]-]+)`[^|]*\\| `(WXLOGIN_[A-Z0-9_]+)` \\|");

    @Test
    void theMappingIsExactlyTheDocumentedConfigurationTable() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(configurationTable())) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                documented.put(row.group(2), row.group(1));
            }
        }
        assertThat(documented).hasSizeGreaterThan(30);
        assertThat(EnvironmentVariableMapping.VARIABLES).containsExactlyInAnyOrderEntriesOf(documented);
    }

    @Test
    void everyMappedWxloginPropertyIsOneTheRecordsBind() throws IOException {
        Set<String> known;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode metadata = JsonMapper.builder().build().readTree(in);
            known = metadata.get("properties").valueStream().map(p -> p.get("name").asString()).collect(Collectors.toSet());
        }
        assertThat(EnvironmentVariableMapping.VARIABLES.values().stream().filter(p -> p.startsWith("wxlogin.")))
                .allSatisfy(property -> assertThat(known).contains(property));
    }

    @Test
    void eachVariableSetsItsPropertyAndAnEmptyOneSetsNothing() {
        Map<String, Object> variables = new HashMap<>();
        EnvironmentVariableMapping.VARIABLES.keySet().forEach(name -> variables.put(name, "value-of-" + name));
        variables.put("WXLOGIN_APPS", "");
        StandardEnvironment environment = environment(variables);

        EnvironmentVariableMapping.VARIABLES.forEach((variable, property) -> {
            if (!variable.equals("WXLOGIN_APPS")) {
                assertThat(environment.getProperty(property)).as(variable).isEqualTo("value-of-" + variable);
            }
        });
        assertThat(environment.getProperty("wxlogin.app-list")).isNull();
    }

    @Test
    void withNothingSetTheRecordsDefaultsAndTheDerivedDefaultsApply() {
        StandardEnvironment environment = environment(Map.of());
        WxLoginProperties properties = Binder.get(environment).bindOrCreate("wxlogin", WxLoginProperties.class);

        assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(properties.avatar().dir().normalize()).isEqualTo(Path.of("data/avatars"));
        assertThat(properties.token().issuer()).isEqualTo("http://localhost:8080");
        assertThat(properties.token().audience()).isEqualTo("wxlogin");
        assertThat(properties.wechat().tokenEndpoint()).isEqualTo(AccessTokenEndpoint.STABLE);
        assertThat(properties.watermarkMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:./data/wxlogin;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536");
        assertThat(Binder.get(environment).bindOrCreate("wxlogin.rate-limit", RateLimitProperties.class))
                .isEqualTo(new RateLimitProperties(600, 30, 5, 10, 30, 10, 20, 5));
    }

    @Test
    void theDataDirAndPortMoveTheirDerivedDefaults() {
        StandardEnvironment environment = environment(Map.of("WXLOGIN_DATA_DIR", "/var/lib/wxlogin", "WXLOGIN_PORT", "9000"));
        WxLoginProperties properties = Binder.get(environment).bindOrCreate("wxlogin", WxLoginProperties.class);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:/var/lib/wxlogin/wxlogin;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536");
        assertThat(properties.avatar().dir()).isEqualTo(Path.of("/var/lib/wxlogin/avatars"));
        assertThat(properties.token().issuer()).isEqualTo("http://localhost:9000");
    }

    @Test
    void anUnknownTokenEndpointIsRefusedWhenBound() {
        StandardEnvironment environment = environment(Map.of("WXLOGIN_WECHAT_TOKEN_ENDPOINT", "newest"));
        assertThatThrownBy(() -> Binder.get(environment).bindOrCreate("wxlogin", WxLoginProperties.class))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("wxlogin.wechat");
    }

    /** A whole service started from environment variables alone binds each into its record. */
    @Test
    void aServiceStartedFromTheDocumentedVariablesUsesThem() {
        String dataDir = "./target/test-data/env-" + UUID.randomUUID();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.ofEntries(
                        Map.entry("WXLOGIN_SANDBOX", "true"),
                        Map.entry("WXLOGIN_SANDBOX_PORT", "0"),
                        Map.entry("WXLOGIN_PORT", "0"),
                        Map.entry("WXLOGIN_DATA_DIR", dataDir),
                        Map.entry("WXLOGIN_APPID", "wxenv00000000001"),
                        Map.entry("WXLOGIN_SECRET", "env-secret-value"),
                        Map.entry("WXLOGIN_WECHAT_TOKEN_ENDPOINT", "legacy"),
                        Map.entry("WXLOGIN_WECHAT_REQUEST_TIMEOUT", "7s"),
                        Map.entry("WXLOGIN_WATERMARK_MAX_AGE", "3m"),
                        Map.entry("WXLOGIN_MAX_REQUEST_SIZE", "32KB"),
                        Map.entry("WXLOGIN_ACCESS_TOKEN_TTL", "15m"),
                        Map.entry("WXLOGIN_TOKEN_AUDIENCE", "env-audience"),
                        Map.entry("WXLOGIN_RATE_LIMIT_PER_IP", "7"),
                        Map.entry("WXLOGIN_RATE_LIMIT_PER_USER", "3"),
                        Map.entry("WXLOGIN_REDIS_KEY_PREFIX", "envprefix:"),
                        Map.entry("WXLOGIN_DATABASE_POOL_SIZE", "3"),
                        Map.entry("WXLOGIN_ADMIN_USERNAME", "env-admin"),
                        Map.entry("WXLOGIN_ADMIN_PASSWORD", "env-admin-password-long-enough"))));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WxLoginApplication.class)
                .environment(environment).run()) {
            WxLoginProperties properties = context.getBean(WxLoginProperties.class);
            assertThat(properties.appid()).isEqualTo("wxenv00000000001");
            assertThat(properties.sandbox().enabled()).isTrue();
            assertThat(properties.wechat().requestTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(properties.watermarkMaxAge()).isEqualTo(Duration.ofMinutes(3));
            assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofKilobytes(32));
            assertThat(properties.token().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(properties.token().audience()).isEqualTo("env-audience");
            assertThat(properties.avatar().dir()).isEqualTo(Path.of(dataDir, "avatars").normalize());
            assertThat(context.getBean(AccessTokenFetcher.class).endpoint()).isEqualTo(AccessTokenEndpoint.LEGACY);
            assertThat(context.getBean(RateLimitProperties.class)).isEqualTo(new RateLimitProperties(7, 3, 5, 10, 30, 10, 20, 5));
            assertThat(context.getBean(RedisProperties.class).keyPrefix()).isEqualTo("envprefix:");
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:" + dataDir + "/wxlogin");
            assertThat(context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size")).isEqualTo("3");
            // The first admin, hashed as the service hashes (bcrypt cost 10; its service tests use cost 4).
            String adminHash = context.getBean(JdbcClient.class).sql("SELECT password_hash FROM admin_account WHERE username = ?")
                    .param("env-admin").query(String.class).single();
            assertThat(adminHash).startsWith("{bcrypt}$2a$10$");
            assertThat(context.getBean(SecretHashing.class).encoder().matches("env-admin-password-long-enough", adminHash)).isTrue();
        }
    }

    /** The environment as the application sees it after our mapping ran over {@code variables}. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        new EnvironmentVariableMapping().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static Path configurationTable() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/configuration.md")) || !Files.exists(dir.resolve("server"))) {
            dir = dir.getParent();
        }
        return dir.resolve("docs/configuration.md");
    }
}
