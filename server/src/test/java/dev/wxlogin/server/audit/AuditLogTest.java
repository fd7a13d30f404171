package dev.wxlogin.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.WeChatApps;

/**
 * Every audited event lands in {@code audit_event} with its app, user, address, bounded user agent
 * and outcome, and no row holds a code, token or full phone number. The log as a store (purge,
 * queries, counts, refused events) is {@link AuditLogStoreTest}'s.
 */
@RedisMatrix
@ServiceTest
class AuditLogTest {

    private static final String USER_AGENT = "Mozilla/5.0 MicroMessenger/8.0 " + "x".repeat(1000);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog auditLog;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    final List<String> secrets = new ArrayList<>();

    @Test
    void everyEventOfAUserIsRecordedWithItsOutcomeAndNoSecret() throws Exception {
        String user = TestUsers.unique("audited");
        Response first = login(user);
        long userId = first.json().get("user").get("id").asLong();
        String access = first.json().get("accessToken").asString();
        String sid = SignedJWT.parse(access).getJWTClaimsSet().getStringClaim("sid");

        Response refreshed = post("/api/v1/token/refresh", Map.of("refreshToken", secret(first.json().get("refreshToken").asString())), null);
        secret(refreshed.json().get("accessToken").asString());
        secret(refreshed.json().get("refreshToken").asString());
        // Reuse after the grace window (REFRESH_TOKEN_REUSE) is proven by RefreshReuseEndsSessionTest, which moves time.

        assertThat(post("/api/v1/token/refresh", Map.of("refreshToken", "x".repeat(43)), null).status()).isEqualTo(401);
        String access2 = login(user).json().get("accessToken").asString();
        assertThat(client.send(authorized("/api/v1/me", access2).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"nickname\":\"Audrey\"}"))).status()).isEqualTo(200);
        assertThat(client.send(authorized("/api/v1/me", access2).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"avatarUrl\":\"javascript:alert(1)\"}"))).status()).isEqualTo(400);
        assertThat(client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", png(), access2).status()).isEqualTo(200);
        String number = "137" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        SandboxPhone.PhoneCode phoneCode = phone.phoneCode(appid, user, number, "86");
        secret(phoneCode.code());
        secret(number);
        assertThat(post("/api/v1/me/phone", Map.of("code", phoneCode.code()), access2).status()).isEqualTo(200);

        Response third = login(user);
        String sid3 = SignedJWT.parse(third.json().get("accessToken").asString()).getJWTClaimsSet().getStringClaim("sid");
        assertThat(client.send(authorized("/api/v1/me/sessions/" + sid3, access2).DELETE()).status()).isEqualTo(204);
        Response fourth = login(user);
        assertThat(post("/api/v1/logout", Map.of("refreshToken", fourth.json().get("refreshToken").asString()), null).status()).isEqualTo(204);
        assertThat(post("/api/v1/logout/all", Map.of(), access2).status()).isEqualTo(204);

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit_event WHERE user_id = ? ORDER BY occurred_at, id")
                .param(userId).query().listOfRows();
        assertThat(rows).extracting(row -> value(row, "event_type") + ":" + value(row, "outcome")).contains(
                "USER_CREATE:OK", "LOGIN:OK", "REFRESH:OK", "PROFILE_CHANGE:OK",
                "PROFILE_CHANGE:INVALID_FIELD", "AVATAR_UPLOAD:OK", "PHONE_BIND:OK", "SESSION_REVOKE:OK", "LOGOUT:OK",
                "LOGOUT_ALL:OK");
        assertThat(rows).allSatisfy(row -> {
            assertThat(value(row, "appid")).isEqualTo(appid);
            assertThat(value(row, "client_address")).isEqualTo("127.0.0.1");
            if (!"AVATAR_UPLOAD".equals(value(row, "event_type"))) { // the multipart helper sends no User-Agent
                assertThat(value(row, "user_agent")).startsWith("Mozilla/5.0 MicroMessenger/8.0 ").hasSize(256);
            }
            assertThat(value(row, "admin_actor")).isNull();
        });
        assertThat(rows).filteredOn(row -> "REFRESH".equals(value(row, "event_type"))).allSatisfy(row ->
                assertThat(value(row, "session_id")).isEqualTo(sid));
        assertNoSecretIn(jdbc.sql("SELECT * FROM audit_event").query().listOfRows());
    }

    @Test
    void aFailedLoginIsRecordedWithItsErrorCodeAndWithoutTheCode() {
        String badCode = "not-a-code-" + ThreadLocalRandom.current().nextInt(1_000_000);
        secret(badCode);
        Instant before = Instant.now().minusSeconds(1);

        Response refused = post("/api/v1/login", Map.of("code", badCode), null);

        String code = refused.json().get("code").asString();
        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        AuditPage failures = auditLog.find(new AuditQuery(appid, AuditEventType.LOGIN, code, true, null, null, before, null), 0, 50);
        assertThat(failures.events()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.userId()).isNull();
            assertThat(event.succeeded()).isFalse();
        });
        assertNoSecretIn(jdbc.sql("SELECT * FROM audit_event").query().listOfRows());
    }

    private Response login(String user) {
        SandboxPhone.Login login = phone.login(appid, user);
        secret(login.code());
        Response response = post("/api/v1/login", Map.of("code", login.code()), null);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        secret(response.json().get("accessToken").asString());
        secret(response.json().get("refreshToken").asString());
        return response;
    }

    private Response post(String path, Object body, String accessToken) {
        HttpRequest.Builder request = client.request(path).header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body)));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return client.send(request);
    }

    private HttpRequest.Builder authorized(String path, String accessToken) {
        return client.request(path).header("Authorization", "Bearer " + accessToken).header("User-Agent", USER_AGENT);
    }

    private String secret(String value) {
        secrets.add(value);
        return value;
    }

    private void assertNoSecretIn(List<Map<String, Object>> rows) {
        assertThat(secrets).isNotEmpty();
        for (Map<String, Object> row : rows) {
            for (Object value : row.values()) {
                if (value != null) {
                    String text = value.toString();
                    assertThat(secrets).noneMatch(secret -> text.contains(secret));
                }
            }
        }
    }

    private static String value(Map<String, Object> row, String column) {
        Object value = row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst().orElseThrow().getValue();
        return value == null ? null : value.toString();
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
