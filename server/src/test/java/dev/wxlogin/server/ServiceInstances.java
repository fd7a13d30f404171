package dev.wxlogin.server;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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
     * Starts one more instance. Properties go in as command-line arguments, which outrank
     * application.yml (builder defaults would not).
     *
     * @param properties further {@code name=value} settings, e.g. the shared database and Redis
     */
    public ConfigurableApplicationContext start(String... properties) {
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
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WxLoginApplication.class).run(args.toArray(String[]::new));
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
