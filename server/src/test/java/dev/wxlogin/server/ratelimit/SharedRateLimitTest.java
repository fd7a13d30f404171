package dev.wxlogin.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.RedisAvailableCondition;
import dev.wxlogin.server.TestRedis;
import dev.wxlogin.server.WxLoginApplication;

/** Two instances on one Redis draw from the same buckets: the limit holds across the cluster. */
@Tag("redis")
@ExtendWith(RedisAvailableCondition.class)
class SharedRateLimitTest {

    private static final String APPID = "wxratelimit0000001";
    private static final String SECRET = "rate-limit-secret";

    private SandboxWeChat wechat;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, wechat}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void perUserLimitIsSharedBetweenInstances() throws Exception {
        wechat = SandboxWeChat.start(SandboxSettings.of(new SandboxApp(APPID, SECRET, true)));
        String prefix = TestRedis.keyPrefix("shared-rate-" + UUID.randomUUID());
        a = instance(prefix);
        b = instance(prefix);
        HttpTestClient clientA = new HttpTestClient(port(a));
        HttpTestClient clientB = new HttpTestClient(port(b));
        SandboxPhone phone = new SandboxPhone(wechat.baseUrl());

        assertThat(clientA.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(200);
        assertThat(clientB.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(200);
        assertThat(clientA.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(429);
        assertThat(clientB.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(429);
        assertThat(clientB.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "bob").code())).status()).isEqualTo(200);
    }

    private ConfigurableApplicationContext instance(String redisPrefix) {
        return new SpringApplicationBuilder(WxLoginApplication.class).run(
                "--server.port=0",
                "--wxlogin.appid=" + APPID,
                "--wxlogin.secret=" + SECRET,
                "--wxlogin.wechat.base-url=" + wechat.baseUrl(),
                "--wxlogin.data-dir=./target/test-data/shared-rate-" + UUID.randomUUID(),
                "--wxlogin.redis.url=" + TestRedis.URL,
                "--wxlogin.redis.key-prefix=" + redisPrefix,
                "--wxlogin.rate-limit.per-user=2",
                "--wxlogin.rate-limit.per-client-ip=0");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
