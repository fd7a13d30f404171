package dev.wxlogin.server.ratelimit;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;

/** Per-address limit: checked before WeChat is called, so a flood never reaches WeChat. */
@RedisMatrix
@ServiceTest
class ClientIpRateLimitTest {

    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    AdjustableRateLimits.Limiter rateLimits;

    @Fixture HttpTestClient client;

    @BeforeEach
    void limits() {
        // three logins per minute from one address
        rateLimits.set(new RateLimitProperties(3, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void addressOverTheLimitIsRefusedBeforeWeChatIsCalled() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.postJson("/api/v1/login", Map.of("code", "unknown-" + i)).status()).isEqualTo(401);
        }
        long callsBefore = sandbox.callCount("jscode2session");

        Response refused = client.postJson("/api/v1/login", Map.of("code", "unknown-4"));

        assertError(refused, 429, "RATE_LIMITED");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(sandbox.callCount("jscode2session")).isEqualTo(callsBefore);
        // A refresh is a login without WeChat: it draws from the same bucket.
        assertError(client.postJson("/api/v1/token/refresh", java.util.Map.of("refreshToken", "x".repeat(43))), 429, "RATE_LIMITED");
    }
}
