package dev.wxlogin.server.account;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * A user's sessions: each login is one, named by the access token's {@code sid}; the user lists
 * them and ends any, and an ended session's access token is refused at once, as its refresh token is.
 */
@DatabaseMatrix
@ServiceTest
class MySessionsTest {


    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void eachLoginIsASessionListedWithItsOriginAndTheCurrentOneMarked() throws Exception {
        String user = TestUsers.unique("sessions");
        LoggedIn phoneLogin = login(user, "WeChat/8.0 iPhone");
        LoggedIn padLogin = login(user, "WeChat/8.0 iPad");

        Response listed = client.send(client.request("/api/v1/me/sessions")
                .header("Authorization", "Bearer " + padLogin.accessToken()).GET());

        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        List<JsonNode> sessions = new ArrayList<>();
        listed.json().get("sessions").forEach(sessions::add);
        assertThat(sessions).hasSize(2);
        assertThat(sessions).extracting(s -> s.get("id").asString())
                .containsExactlyInAnyOrder(sid(phoneLogin.accessToken()), sid(padLogin.accessToken()));
        JsonNode current = sessions.stream().filter(s -> s.get("current").asBoolean()).findFirst().orElseThrow();
        assertThat(current.get("id").asString()).isEqualTo(sid(padLogin.accessToken()));
        assertThat(current.get("userAgent").asString()).isEqualTo("WeChat/8.0 iPad");
        assertThat(current.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(current.get("appid").asString()).isEqualTo(appid);
        assertThat(sessions).filteredOn(s -> !s.get("current").asBoolean()).singleElement()
                .satisfies(s -> assertThat(s.get("userAgent").asString()).isEqualTo("WeChat/8.0 iPhone"));
        assertThat(listed.raw()).doesNotContain(phoneLogin.refreshToken()).doesNotContain(padLogin.refreshToken());
    }

    @Test
    void endingASessionRefusesItsAccessAndRefreshTokensButNotTheOthers() throws Exception {
        String user = TestUsers.unique("revoke");
        LoggedIn lost = login(user, "lost phone");
        LoggedIn kept = login(user, "this phone");
        assertThat(client.get("/api/v1/me", lost.accessToken()).status()).isEqualTo(200);

        Response revoked = client.delete("/api/v1/me/sessions/" + sid(lost.accessToken()), kept.accessToken());

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(204);
        assertError(client.get("/api/v1/me", lost.accessToken()), 401, "SESSION_REVOKED");
        assertError(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", lost.refreshToken())), 401, "REFRESH_TOKEN_INVALID");
        assertThat(client.get("/api/v1/me", kept.accessToken()).status()).isEqualTo(200);
        assertThat(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", kept.refreshToken())).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/me/sessions", kept.accessToken()).json().get("sessions")).hasSize(1);
    }

    @Test
    void anotherUsersSessionOrAnUnknownIdIsNotFoundAndStaysUp() throws Exception {
        LoggedIn alice = login(TestUsers.unique("alice"), "a");
        LoggedIn bob = login(TestUsers.unique("bob"), "b");

        assertError(client.delete("/api/v1/me/sessions/" + sid(alice.accessToken()), bob.accessToken()), 404, "SESSION_NOT_FOUND");
        assertError(client.delete("/api/v1/me/sessions/no-such-session", bob.accessToken()), 404, "SESSION_NOT_FOUND");
        assertThat(client.get("/api/v1/me", alice.accessToken()).status()).isEqualTo(200);
        assertError(client.send(client.request("/api/v1/me/sessions").GET()), 401, "TOKEN_MISSING");
    }

    @Test
    void logoutEndsTheAccessTokenOfItsSessionToo() {
        LoggedIn user = login(TestUsers.unique("logout"), "x");

        assertThat(client.postJson("/api/v1/logout", Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(204);

        assertError(client.get("/api/v1/me", user.accessToken()), 401, "SESSION_REVOKED");
    }

    @Test
    void logoutEverywhereEndsEveryAccessToken() {
        String name = TestUsers.unique("everywhere");
        LoggedIn first = login(name, "one");
        LoggedIn second = login(name, "two");

        assertThat(client.postJson("/api/v1/logout/all", Map.of(), second.accessToken()).status()).isEqualTo(204);

        assertError(client.get("/api/v1/me", first.accessToken()), 401, "SESSION_REVOKED");
        assertError(client.get("/api/v1/me", second.accessToken()), 401, "SESSION_REVOKED");
    }

    @Test
    void aRefreshKeepsTheSessionAndItsId() throws Exception {
        LoggedIn user = login(TestUsers.unique("refresh"), "x");

        Response refreshed = client.postJson("/api/v1/token/refresh", Map.of("refreshToken", user.refreshToken()));

        assertThat(sid(refreshed.json().get("accessToken").asString())).isEqualTo(sid(user.accessToken()));
        assertThat(client.get("/api/v1/me/sessions", refreshed.json().get("accessToken").asString()).json().get("sessions")).hasSize(1);
    }

    private LoggedIn login(String user, String userAgent) {
        SandboxPhone.Login login = phone.login(appid, user);
        Response response = client.send(client.request("/api/v1/login").header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + login.code() + "\"}")));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return new LoggedIn(user, response.json().get("user").get("id").asLong(), login.openid(),
                response.json().get("accessToken").asString(), response.json().get("refreshToken").asString());
    }

    static String sid(String accessToken) throws Exception {
        String sid = SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        assertThat(sid).isNotBlank();
        return sid;
    }

    static LoggedIn loginPlain(HttpTestClient client, SandboxPhone phone, String appid, String user) {
        return TestLogins.login(client, phone, appid, user);
    }
}
