package dev.wxlogin.server.token;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.user.UserStore;

/** A banned user gets USER_DISABLED from both logins, refresh and the me endpoints, and no tokens. */
@DatabaseMatrix
@ServiceTest
class DisabledUserTest {

    @Autowired
    UserStore users;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    @Fixture LoggedIn dan;

    @BeforeEach
    void setUp() {
        assertThat(users.setDisabled(dan.userId(), true)).isTrue();
    }

    @Test
    void disabledUserCannotLogInAndGetsNoTokens() {
        long loginsBefore = users.findById(dan.userId()).orElseThrow().loginCount();

        Response v1 = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, dan.user()).code()));
        Response legacy = client.postJson("/user/wxlogin", Map.of("platCode", phone.login(appid, dan.user()).code()));

        assertError(v1, 403, "USER_DISABLED");
        assertThat(v1.raw()).doesNotContain("accessToken");
        assertThat(legacy.status()).isEqualTo(403);
        assertThat(legacy.json().get("code").asInt()).isEqualTo(403);
        assertThat(legacy.json().get("error").asString()).isEqualTo("USER_DISABLED");
        assertThat(legacy.raw()).doesNotContain("accessToken");
        assertThat(users.findById(dan.userId()).orElseThrow().loginCount()).isEqualTo(loginsBefore);
    }

    @Test
    void disabledUserCannotRefresh() {
        assertError(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", dan.refreshToken())), 403, "USER_DISABLED");
    }

    @Test
    void disabledUserCannotUseMe() {
        assertError(client.get("/api/v1/me", dan.accessToken()), 403, "USER_DISABLED");
    }

    @Test
    void enablingAgainRestoresLoginAndRefresh() {
        users.setDisabled(dan.userId(), false);

        assertThat(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", dan.refreshToken())).status()).isEqualTo(200);
        assertThat(TestLogins.login(client, phone, appid, dan.user()).accessToken()).isNotBlank();
    }
}
