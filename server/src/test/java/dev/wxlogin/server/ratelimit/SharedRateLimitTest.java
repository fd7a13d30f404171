package dev.wxlogin.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.RedisAvailableCondition;
import dev.wxlogin.server.TestRedis;
import dev.wxlogin.server.ServiceInstances;

/** Two instances on one Redis draw from the same buckets: the limit holds across the cluster. */
@Tag("redis")
@ExtendWith(RedisAvailableCondition.class)
class SharedRateLimitTest {

    private static final String APPID = "wxratelimit0000001";
    private static final String SECRET = "rate-limit-secret";

    @AutoClose
    private ServiceInstances instances;

    @Test
    void perUserLimitIsSharedBetweenInstances() throws Exception {
        instances = ServiceInstances.ofApp(APPID, SECRET);
        String prefix = TestRedis.keyPrefix("shared-rate-" + UUID.randomUUID());
        HttpTestClient clientA = ServiceInstances.client(instance(prefix));
        HttpTestClient clientB = ServiceInstances.client(instance(prefix));
        SandboxPhone phone = instances.phone();

        assertThat(clientA.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(200);
        assertThat(clientB.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(200);
        assertThat(clientA.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(429);
        assertThat(clientB.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "ann").code())).status()).isEqualTo(429);
        assertThat(clientB.postJson("/api/v1/login", Map.of("code", phone.login(APPID, "bob").code())).status()).isEqualTo(200);
    }

    private ConfigurableApplicationContext instance(String redisPrefix) {
        return instances.start(
                "wxlogin.redis.url=" + TestRedis.URL,
                "wxlogin.redis.key-prefix=" + redisPrefix,
                "wxlogin.rate-limit.per-user=2",
                "wxlogin.rate-limit.per-client-ip=0");
    }
}
