package dev.wxlogin.server.security;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.user.Caller;
import dev.wxlogin.server.user.UserStore;

/**
 * Deny by default: a handler nobody listed as public needs an access token, and receives the
 * resolved {@link Caller}; public endpoints ignore whatever token a client attaches.
 */
@RedisMatrix
@ServiceTest
@Import(DenyByDefaultTest.UnlistedController.class)
class DenyByDefaultTest {

    /** A handler added without touching the security configuration, as a new endpoint would be. */
    @RestController
    static class UnlistedController {

        @GetMapping("/api/v1/unlisted")
        Map<String, Object> unlisted(Caller caller) {
            return Map.of("userId", caller.userId(), "appid", caller.appid(), "sessionId", caller.sessionId(),
                    "clientAddress", caller.clientAddress());
        }

        @GetMapping("/some/new/page")
        String page() {
            return "reachable";
        }

        /** A page added under /login beside the scan pages, without naming it in their chain. */
        @GetMapping("/login/new-page")
        String loginPage() {
            return "reachable";
        }
    }

    private static final String STALE_TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c3RhbGU";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserStore users;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;

    @Fixture String appid;

    @Test
    void unknownPathsUnderLoginAndTheActuatorsLinksPageAre401LikeAnyUnknownPath() {
        for (String path : new String[] {"/login/new-page", "/login/anything", "/login/scan/x/unknown", "/login/scan/a/b/c", "/login/",
                "/actuator", "/actuator/"}) {
            assertError(client.get(path), 401, "TOKEN_MISSING");
        }
        assertThat(client.get("/actuator/health").status()).isEqualTo(200);
        assertThat(client.get("/login/scan.js").status()).isEqualTo(200);
    }

    @Test
    void anUnlistedHandlerNeedsAToken() {
        assertError(client.get("/api/v1/unlisted"), 401, "TOKEN_MISSING");
        assertError(client.get("/some/new/page"), 401, "TOKEN_MISSING");
        assertError(client.get("/some/new/page", STALE_TOKEN), 401, "TOKEN_INVALID");
    }

    @Test
    void anUnlistedHandlerReceivesTheResolvedCaller() throws Exception {
        LoggedIn amy = TestLogins.loginNew(client, phone, appid, "caller");

        Response response = client.get("/api/v1/unlisted", amy.accessToken());

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.json().get("userId").asLong()).isEqualTo(amy.userId());
        assertThat(response.json().get("appid").asString()).isEqualTo(appid);
        assertThat(response.json().get("clientAddress").asString()).isEqualTo("127.0.0.1");
        String family = jdbc.sql("SELECT DISTINCT family_id FROM refresh_token WHERE user_id = ?").param(amy.userId())
                .query(String.class).single();
        assertThat(response.json().get("sessionId").asString()).isEqualTo(family)
                .isEqualTo(SignedJWT.parse(amy.accessToken()).getJWTClaimsSet().getStringClaim("sid"));
    }

    @Test
    void aRefreshKeepsTheSessionId() throws Exception {
        LoggedIn amy = TestLogins.loginNew(client, phone, appid, "refresh-sid");
        Response refreshed = client.postJson("/api/v1/token/refresh", Map.of("refreshToken", amy.refreshToken()));
        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);

        String before = SignedJWT.parse(amy.accessToken()).getJWTClaimsSet().getStringClaim("sid");
        String after = SignedJWT.parse(refreshed.json().get("accessToken").asString()).getJWTClaimsSet().getStringClaim("sid");

        assertThat(after).isNotBlank().isEqualTo(before);
    }

    @Test
    void unknownPathIs401WithoutATokenAnd404WithOne() {
        LoggedIn amy = TestLogins.loginNew(client, phone, appid, "unknown-path");

        assertError(client.get("/api/v1/nothing-here"), 401, "TOKEN_MISSING");
        assertError(client.get("/api/v1/nothing-here", amy.accessToken()), 404, "NOT_FOUND");
    }

    @Test
    void publicEndpointsIgnoreAStaleToken() {
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("stale-public"));
        Response loggedIn = client.postJson("/api/v1/login", Map.of("code", login.code()), STALE_TOKEN);
        assertThat(loggedIn.status()).as(loggedIn.raw()).isEqualTo(200);

        Response refreshed = client.postJson("/api/v1/token/refresh",
                Map.of("refreshToken", loggedIn.json().get("refreshToken").asString()), STALE_TOKEN);
        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
        assertThat(client.get("/.well-known/jwks.json", STALE_TOKEN).status()).isEqualTo(200);
        assertThat(client.get("/.well-known/openid-configuration", STALE_TOKEN).status()).isEqualTo(200);
        assertThat(client.get("/actuator/health", STALE_TOKEN).status()).isEqualTo(200);
        assertError(client.get("/avatars/" + "0".repeat(32) + ".png", STALE_TOKEN), 404, "NOT_FOUND");
        Response logout = client.postJson("/api/v1/logout", Map.of("refreshToken", refreshed.json().get("refreshToken").asString()),
                STALE_TOKEN);
        assertThat(logout.status()).as(logout.raw()).isEqualTo(204);
    }

    @Test
    void aDisabledUsersTokenIsRefusedBeforeAnyHandler() {
        LoggedIn amy = TestLogins.loginNew(client, phone, appid, "disabled-caller");
        assertThat(users.setDisabled(amy.userId(), true)).isTrue();

        assertError(client.get("/api/v1/unlisted", amy.accessToken()), 403, "USER_DISABLED");
    }
}
