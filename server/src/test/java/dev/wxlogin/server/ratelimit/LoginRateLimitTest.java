package dev.wxlogin.server.ratelimit;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.WeChatApps;

/** Per-user limit: counted after the code names the user, answered 429 with Retry-After. */
@ServiceTest
@TestPropertySource(properties = {"wxlogin.rate-limit.per-user=2", "wxlogin.rate-limit.per-client-ip=0"})
class LoginRateLimitTest {

    @LocalServerPort
    int port;
    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    WeChatApps apps;

    @Test
    void userOverTheLimitIsRefusedWhileOthersGoOn() {
        HttpTestClient client = new HttpTestClient(port);
        SandboxPhone phone = new SandboxPhone(sandbox.baseUrl());
        String busy = TestUsers.unique("busy");

        assertThat(client.postJson("/api/v1/login", Map.of("code", phone.login(apps.defaultApp().appid(), busy).code())).status()).isEqualTo(200);
        assertThat(client.postJson("/user/wxlogin", Map.of("platCode", phone.login(apps.defaultApp().appid(), busy).code())).status()).isEqualTo(200);
        Response third = client.postJson("/api/v1/login", Map.of("code", phone.login(apps.defaultApp().appid(), busy).code()));
        Response legacyThird = client.postJson("/user/wxlogin", Map.of("platCode", phone.login(apps.defaultApp().appid(), busy).code()));
        Response someoneElse = client.postJson("/api/v1/login", Map.of("code", phone.login(apps.defaultApp().appid(), TestUsers.unique("calm")).code()));

        assertError(third, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 61L);
        assertThat(legacyThird.status()).isEqualTo(429);
        assertThat(legacyThird.json().get("error").asString()).isEqualTo("RATE_LIMITED");
        assertThat(someoneElse.status()).isEqualTo(200);
    }
}
