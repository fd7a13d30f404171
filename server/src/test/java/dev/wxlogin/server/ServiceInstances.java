package dev.wxlogin.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;

/**
 * Whole service instances started by a test, as several instances of one deployment run: each on a
 * free port and a data dir of its own, all pointed at one sandbox WeChat. Closing closes them all.
 */
public final class ServiceInstances implements AutoCloseable {

    /** A key-encryption secret, which a production (non-sandbox) start requires. */
    public static final String KEY_ENCRYPTION_SECRET = "test-key-encryption-secret-of-forty-chars";

    private final SandboxWeChat wechat;
    private final String appid;
    private final String secret;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    public ServiceInstances(SandboxWeChat wechat, String appid, String secret) {
        this.wechat = wechat;
        this.appid = appid;
        this.secret = secret;
    }

    /**
     * Two instances of one deployment, as the cluster tests start them: a client to each and a phone on
     * their sandbox WeChat. Closing closes both, any further instance and the sandbox.
     *
     * @param instances what started them, for further instances
     * @param phone a simulated phone on their sandbox WeChat
     * @param a the first instance
     * @param b the second instance
     * @param clientA an HTTP client for {@code a}
     * @param clientB an HTTP client for {@code b}
     */
    public record Two(ServiceInstances instances, SandboxPhone phone, ConfigurableApplicationContext a,
            ConfigurableApplicationContext b, HttpTestClient clientA, HttpTestClient clientB) implements AutoCloseable {

        @Override
        public void close() {
            instances.close();
        }
    }

    /**
     * Starts two instances of one app on this JVM's PostgreSQL (and Redis, when {@code withRedis}), each by
     * {@code start} (which names their settings, e.g. {@code instances.start(onPostgreSql(...))}), on a
     * sandbox WeChat of their own; the test is skipped as {@link #assumePostgreSql} says.
     */
    public static Two startTwo(String appid, String secret, boolean withRedis,
            Function<ServiceInstances, ConfigurableApplicationContext> start) throws IOException {
        assumePostgreSql(withRedis);
        ServiceInstances instances = ofApp(appid, secret);
        try {
            ConfigurableApplicationContext a = start.apply(instances);
            ConfigurableApplicationContext b = start.apply(instances);
            return new Two(instances, instances.phone(), a, b, client(a), client(b));
        } catch (RuntimeException e) {
            instances.close();
            throw e;
        }
    }

    /** Instances of one app, on a sandbox WeChat of their own that knows it. */
    public static ServiceInstances ofApp(String appid, String secret) throws IOException {
        return new ServiceInstances(SandboxWeChat.start(SandboxSettings.of(new SandboxApp(appid, secret, true))), appid, secret);
    }

    /**
     * Skips the test, saying why, unless this JVM's PostgreSQL database (and Redis, when {@code withRedis})
     * can be used; fails it instead when {@code WXLOGIN_TEST_REQUIRE_SERVICES=true}.
     */
    public static void assumePostgreSql(boolean withRedis) {
        String database = TestDatabase.POSTGRESQL.unavailableReason();
        String reason = database == null && withRedis ? TestRedis.unavailableReason() : database;
        if (reason != null && TestDatabase.required()) {
            throw new IllegalStateException("WXLOGIN_TEST_REQUIRE_SERVICES=true but " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> "skipped, needs PostgreSQL" + (withRedis ? " and Redis" : "") + ": " + reason);
    }

    /**
     * The settings of a cluster's instance: this JVM's PostgreSQL database, one issuer for the whole
     * cluster (tokens from one instance must verify on the other), no rate limits; then {@code more}.
     */
    public static String[] onPostgreSql(String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.datasource.url=" + TestDatabase.POSTGRESQL.jdbcUrl(),
                "spring.datasource.username=" + TestDatabase.POSTGRESQL.user(),
                "spring.datasource.password=" + TestDatabase.POSTGRESQL.password(),
                "wxlogin.token.issuer=https://login.example.test",
                "wxlogin.rate-limit.per-client-ip=0",
                "wxlogin.rate-limit.per-user=0"));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    /** A simulated phone on the instances' sandbox WeChat. */
    public SandboxPhone phone() {
        return new SandboxPhone(wechat.baseUrl());
    }

    /**
     * Starts one more instance. Properties go in as command-line arguments, which outrank
     * application.yml (builder defaults would not).
     *
     * @param properties further {@code name=value} settings, e.g. the shared database and Redis
     */
    public ConfigurableApplicationContext start(String... properties) {
        return start(new Class<?>[0], properties);
    }

    /**
     * Starts one more instance on a clock the test moves instead of waiting
     * ({@code instance.getBean(MutableClock.class).advance(...)}); it runs with the system clock until moved.
     *
     * @param properties further {@code name=value} settings, e.g. the shared database and Redis
     */
    public ConfigurableApplicationContext startOnMovableClock(String... properties) {
        ConfigurableApplicationContext context = start(new Class<?>[] {MovableClockConfiguration.class}, properties);
        context.getBean(MutableClock.class).reset();
        return context;
    }

    private ConfigurableApplicationContext start(Class<?>[] configurations, String[] properties) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--wxlogin.appid=" + appid,
                "--wxlogin.secret=" + secret,
                "--wxlogin.token.key-encryption-secret=" + KEY_ENCRYPTION_SECRET,
                "--wxlogin.wechat.base-url=" + wechat.baseUrl(),
                "--wxlogin.data-dir=./target/test-data/instance-" + UUID.randomUUID()));
        for (String property : properties) {
            args.add("--" + property);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WxLoginApplication.class)
                .sources(configurations).run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    /** An HTTP client for a started instance. */
    public static HttpTestClient client(ConfigurableApplicationContext instance) {
        return new HttpTestClient(((WebServerApplicationContext) instance).getWebServer().getPort());
    }

    /** Closes every instance still running, then the sandbox. */
    @Override
    public void close() {
        for (ConfigurableApplicationContext context : started) {
            if (context.isActive()) {
                context.close();
            }
        }
        wechat.close();
    }
}
