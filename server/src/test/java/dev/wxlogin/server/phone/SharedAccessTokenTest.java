package dev.wxlogin.server.phone;

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
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisAvailableCondition;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestRedis;
import dev.wxlogin.server.ServiceInstances;

/** Two instances on one Redis share the WeChat access_token: one fetch serves both. */
@Tag("redis")
@ExtendWith(RedisAvailableCondition.class)
class SharedAccessTokenTest {

    private static final String APPID = "wxsharedtoken00001";
    private static final String SECRET = "shared-token-secret";

    @AutoClose
    private ServiceInstances instances;

    @Test
    void oneTokenFetchServesPhoneCallsOnBothInstances() throws Exception {
        instances = ServiceInstances.ofApp(APPID, SECRET);
        String prefix = TestRedis.keyPrefix("shared-token-" + UUID.randomUUID());
        HttpTestClient clientA = ServiceInstances.client(instance(prefix));
        HttpTestClient clientB = ServiceInstances.client(instance(prefix));
        SandboxPhone phone = instances.phone();
        LoggedIn onA = TestLogins.loginNew(clientA, phone, APPID, "shared-ann");
        LoggedIn onB = TestLogins.loginNew(clientB, phone, APPID, "shared-bob");

        Response boundOnA = clientA.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(APPID, onA.user()).code()), onA.accessToken());
        Response boundOnB = clientB.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(APPID, onB.user()).code()), onB.accessToken());

        assertThat(boundOnA.status()).as(boundOnA.raw()).isEqualTo(200);
        assertThat(boundOnB.status()).as(boundOnB.raw()).isEqualTo(200);
        assertThat(phone.callCount("stable_token")).isEqualTo(1);
        assertThat(phone.callCount("getuserphonenumber")).isEqualTo(2);
    }

    private ConfigurableApplicationContext instance(String redisPrefix) {
        return instances.start(
                "wxlogin.redis.url=" + TestRedis.URL,
                "wxlogin.redis.key-prefix=" + redisPrefix,
                "wxlogin.rate-limit.per-user=0",
                "wxlogin.rate-limit.per-client-ip=0");
    }
}
