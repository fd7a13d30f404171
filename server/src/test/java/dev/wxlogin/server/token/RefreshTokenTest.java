package dev.wxlogin.server.token;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.server.crypto.Sha256;

/**
 * Refresh tokens over real HTTP: rotation, logout, and storage as hashes only. Reuse, concurrent
 * uses and the grace window are {@link RefreshReuseGraceTest}'s.
 */
@DatabaseMatrix
@ServiceTest
class RefreshTokenTest {

    @Autowired
    WeChatApps apps;
    @Autowired
    JdbcClient jdbc;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture LoggedIn bob;

    @Test
    void refreshRotatesBothTokens() {
        Response refreshed = refresh(bob.refreshToken());

        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
        String access = refreshed.json().get("accessToken").asString();
        String refresh = refreshed.json().get("refreshToken").asString();
        assertThat(refresh).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(bob.refreshToken());
        assertThat(access).isNotEqualTo(bob.accessToken());
        assertThat(refreshed.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(refreshed.json().get("expiresIn").asLong()).isPositive();
        assertThat(client.get("/api/v1/me", access).json().get("id").asLong()).isEqualTo(bob.userId());
        assertThat(refresh(refresh).status()).isEqualTo(200);
    }

    @Test
    void logoutMakesTheRefreshTokenUseless() {
        String current = refresh(bob.refreshToken()).json().get("refreshToken").asString();

        Response logout = client.postJson("/api/v1/logout", Map.of("refreshToken", current));

        assertThat(logout.status()).as(logout.raw()).isEqualTo(204);
        assertError(refresh(current), 401, "REFRESH_TOKEN_INVALID");
    }

    @Test
    void logoutWithAnUnknownTokenIsQuietlyAccepted() {
        assertThat(client.postJson("/api/v1/logout", Map.of("refreshToken", "x".repeat(43))).status()).isEqualTo(204);
        assertError(client.postJson("/api/v1/logout", Map.of()), 400, "INVALID_FIELD");
    }

    @Test
    void logoutEverywhereEndsEveryFamilyOfTheUserOnly() {
        LoggedIn phoneTwo = TestLogins.login(client, phone, apps.defaultApp().appid(), bob.user());
        LoggedIn someoneElse = TestLogins.loginNew(client, phone, apps.defaultApp().appid(), "carl");

        Response logout = client.postJson("/api/v1/logout/all", Map.of(), bob.accessToken());

        assertThat(logout.status()).as(logout.raw()).isEqualTo(204);
        assertError(refresh(bob.refreshToken()), 401, "REFRESH_TOKEN_INVALID");
        assertError(refresh(phoneTwo.refreshToken()), 401, "REFRESH_TOKEN_INVALID");
        assertThat(refresh(someoneElse.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutEverywhereNeedsAnAccessToken() {
        assertError(client.postJson("/api/v1/logout/all", Map.of()), 401, "TOKEN_MISSING");
        assertThat(refresh(bob.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void unknownMalformedOrMissingRefreshTokensAreRefused() {
        assertError(refresh("A".repeat(43)), 401, "REFRESH_TOKEN_INVALID");
        assertError(refresh("short"), 401, "REFRESH_TOKEN_INVALID");
        assertError(refresh(bob.accessToken()), 401, "REFRESH_TOKEN_INVALID");
        assertError(client.postJson("/api/v1/token/refresh", Map.of()), 400, "INVALID_FIELD");
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        String rotated = refresh(bob.refreshToken()).json().get("refreshToken").asString();

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM refresh_token WHERE user_id = ?").param(bob.userId())
                .query().listOfRows();

        assertThat(rows).hasSize(2);
        assertThat(rows.toString()).doesNotContain(bob.refreshToken()).doesNotContain(rotated);
        assertThat(rows).extracting(row -> row.get("TOKEN_HASH"))
                .containsExactlyInAnyOrder(Sha256.hex(bob.refreshToken()), Sha256.hex(rotated));
    }

    private Response refresh(String refreshToken) {
        return client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken));
    }
}
