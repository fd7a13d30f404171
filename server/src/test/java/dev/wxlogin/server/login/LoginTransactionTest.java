package dev.wxlogin.server.login;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;

/**
 * A login and a refresh are each one transaction with their audit row: when the database refuses
 * the audit row (a real refusal: a CHECK constraint on {@code audit_event} that only this test's
 * user agent trips), the login or refresh fails and leaves nothing behind: no user, no session, no
 * refresh token, no login counted, no token used up.
 */
@ServiceTest
@DatabaseMatrix
class LoginTransactionTest {

    private static final String REFUSED_AGENT = "audit-refused-test-agent";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @BeforeEach
    void refuseThisAgentsAuditRows() {
        jdbc.sql("ALTER TABLE audit_event ADD CONSTRAINT audit_refused_test CHECK (user_agent IS NULL OR user_agent <> '"
                + REFUSED_AGENT + "')").update();
    }

    @AfterEach
    void acceptThemAgain() {
        jdbc.sql("ALTER TABLE audit_event DROP CONSTRAINT audit_refused_test").update();
    }

    @Test
    void aFirstLoginWhoseAuditRowIsRefusedLeavesNoUserSessionOrRefreshToken() throws Exception {
        String user = TestUsers.unique("unrecorded");
        SandboxPhone.Login login = phone.login(appid, user);
        long sessions = count("login_session");
        long refreshTokens = count("refresh_token");

        Response refused = post("/api/v1/login", Map.of("code", login.code()));

        assertError(refused, 500, "INTERNAL_ERROR");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM wx_user WHERE appid = ? AND openid = ?").param(appid).param(login.openid())
                .query(Long.class).single()).as("user rows").isZero();
        assertThat(count("login_session")).as("sessions").isEqualTo(sessions);
        assertThat(count("refresh_token")).as("refresh tokens").isEqualTo(refreshTokens);
        LoggedIn recorded = TestLogins.login(client, phone, appid, user);
        assertThat(jdbc.sql("SELECT login_count FROM wx_user WHERE id = ?").param(recorded.userId()).query(Long.class).single())
                .as("the later login is the user's first").isEqualTo(1);
    }

    @Test
    void aRepeatLoginWhoseAuditRowIsRefusedCountsNoLoginAndStartsNoSession() throws Exception {
        LoggedIn known = TestLogins.loginNew(client, phone, appid, "unrecorded-again");
        long sessions = sessionsOf(known.userId());

        Response refused = post("/api/v1/login", Map.of("code", phone.login(appid, known.user()).code()));

        assertError(refused, 500, "INTERNAL_ERROR");
        assertThat(jdbc.sql("SELECT login_count FROM wx_user WHERE id = ?").param(known.userId()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(sessionsOf(known.userId())).isEqualTo(sessions);
    }

    @Test
    void aRefreshWhoseAuditRowIsRefusedUsesNothingUp() throws Exception {
        LoggedIn known = TestLogins.loginNew(client, phone, appid, "unrecorded-refresh");

        Response refused = post("/api/v1/token/refresh", Map.of("refreshToken", known.refreshToken()));

        assertError(refused, 500, "INTERNAL_ERROR");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM refresh_token WHERE user_id = ?").param(known.userId()).query(Long.class).single())
                .as("no successor").isEqualTo(1);
        Response refreshed = client.postJson("/api/v1/token/refresh", Map.of("refreshToken", known.refreshToken()));
        assertThat(refreshed.status()).as("the token was not used up: " + refreshed.raw()).isEqualTo(200);
    }

    private Response post(String path, Map<String, String> body) throws Exception {
        return client.send(client.request(path).header("Content-Type", "application/json").header("User-Agent", REFUSED_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private long sessionsOf(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM login_session WHERE user_id = ?").param(userId).query(Long.class).single();
    }
}
