package dev.wxlogin.server.ratelimit;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;

/** Per-user limit: counted after the code names the user, answered 429 with Retry-After. */
@RedisMatrix
@ServiceTest
class LoginRateLimitTest {

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @BeforeEach
    void limits(@Autowired AdjustableRateLimits.Limiter rateLimits) {
        // two logins per minute of one user
        rateLimits.set(new RateLimitProperties(0, 2, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void userOverTheLimitIsRefusedWhileOthersGoOn() {
        String busy = TestUsers.unique("busy");

        assertThat(client.postJson("/api/v1/login", Map.of("code", phone.login(appid, busy).code())).status()).isEqualTo(200);
        assertThat(client.postJson("/user/wxlogin", Map.of("platCode", phone.login(appid, busy).code())).status()).isEqualTo(200);
        Response third = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, busy).code()));
        Response legacyThird = client.postJson("/user/wxlogin", Map.of("platCode", phone.login(appid, busy).code()));
        Response someoneElse = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, TestUsers.unique("calm")).code()));

        assertError(third, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 61L);
        assertThat(legacyThird.status()).isEqualTo(429);
        assertThat(legacyThird.json().get("error").asString()).isEqualTo("RATE_LIMITED");
        assertThat(someoneElse.status()).isEqualTo(200);
    }
}
