package dev.wxlogin.server.admin;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.PlatformLogins;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.link.TestLinks;
import tools.jackson.databind.JsonNode;

/**
 * The admin API, {@code /admin/api/v1}, with admin API keys: who gets in (nobody without admin
 * credentials, a user's access token included), and each action with its audit row naming the admin.
 */
@DatabaseMatrix
@ServiceTest
class AdminApiTest {

    @Autowired
    AdminApiKeys keys;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    AdminApiKeys.Created key;

    @BeforeEach
    void setUp() {
        key = keys.create(TestUsers.unique("script"), ServiceTest.ADMIN_USERNAME);
    }

    @Test
    void withoutAdminCredentialsEveryEndpointAnswers401InOurShape() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "nonadmin");
        for (String path : List.of("/admin/api/v1/users", "/admin/api/v1/users/" + user.userId(), "/admin/api/v1/audit",
                "/admin/api/v1/signing-keys", "/admin/api/v1/apps")) {
            assertError(client.get(path), 401, "ADMIN_UNAUTHORIZED");
            assertError(client.get(path, user.accessToken()), 401, "ADMIN_UNAUTHORIZED");
            assertError(client.send(client.request(path).header(AdminApiKeyFilter.HEADER, "wxa_0123456789abcdef_" + "A".repeat(43)).GET()),
                    401, "ADMIN_UNAUTHORIZED");
        }
        assertError(client.send(client.request("/admin/api/v1/users/" + user.userId() + "/disable")
                .header("Authorization", "Bearer " + user.accessToken()).POST(java.net.http.HttpRequest.BodyPublishers.noBody())),
                401, "ADMIN_UNAUTHORIZED");
        assertThat(jdbc.sql("SELECT disabled FROM wx_user WHERE id = ?").param(user.userId()).query(Boolean.class).single()).isFalse();
    }

    @Test
    void anApiKeyOpensTheApiInEitherHeaderIsStoredHashedAndStopsWhenRevoked() {
        assertThat(get("/admin/api/v1/users").status()).isEqualTo(200);
        Response viaHeader = client.send(client.request("/admin/api/v1/users").header(AdminApiKeyFilter.HEADER, key.key()).GET());
        assertThat(viaHeader.status()).as(viaHeader.raw()).isEqualTo(200);

        String id = key.description().id();
        String stored = jdbc.sql("SELECT key_hash FROM admin_api_key WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain(key.key().substring(21));
        assertThat(keys.list()).filteredOn(k -> k.id().equals(id)).singleElement()
                .satisfies(k -> assertThat(k.lastUsedAt()).isNotNull());

        String tampered = key.key().substring(0, key.key().length() - 1) + (key.key().endsWith("A") ? "B" : "A");
        assertError(client.get("/admin/api/v1/users", tampered), 401, "ADMIN_UNAUTHORIZED");

        assertThat(keys.revoke(id)).isTrue();
        assertError(get("/admin/api/v1/users"), 401, "ADMIN_UNAUTHORIZED");
    }

    @Test
    void usersAreSearchedAndOneUserShowsProfileSessionsAndEvents() {
        String user = TestUsers.unique("searched");
        String nickname = "Nick" + user.hashCode();
        SandboxPhone.Login login = phone.login(appid, user, Map.of("nickName", nickname), Map.of());
        Response loggedIn = client.postJson("/api/v1/login", Map.of("code", login.code(), "encryptedData", login.encryptedData(),
                "iv", login.iv()));
        long userId = loggedIn.json().get("user").get("id").asLong();

        Response found = get("/admin/api/v1/users?q=" + nickname + "&size=5");
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        assertThat(found.json().get("total").asLong()).isEqualTo(1);
        assertThat(found.json().get("users").get(0).get("id").asLong()).isEqualTo(userId);
        assertThat(found.json().get("users").get(0).get("nickname").asString()).isEqualTo(nickname);

        Response detail = get("/admin/api/v1/users/" + userId);
        assertThat(detail.status()).as(detail.raw()).isEqualTo(200);
        assertThat(detail.json().get("user").get("openid").asString()).isEqualTo(login.openid());
        assertThat(detail.json().get("sessions")).hasSize(1);
        assertThat(texts(detail.json().get("recentEvents"), "type")).contains("LOGIN", "USER_CREATE");
        assertThat(detail.raw()).doesNotContain(loggedIn.json().get("refreshToken").asString());

        assertError(get("/admin/api/v1/users/999999999999"), 404, "ADMIN_NOT_FOUND");
        assertError(get("/admin/api/v1/users?size=1000"), 400, "INVALID_FIELD");
    }

    @Test
    void usersAreFilteredByPlatformAndShowIt() {
        String person = TestUsers.unique("byplatform");
        String nickname = "Plat" + person.hashCode();
        SandboxPhone.Login weChat = phone.login(appid, person, Map.of("nickName", nickname), Map.of());
        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, null, person, Map.of("nickName", nickname), Map.of());
        assertThat(client.postJson("/api/v1/login", Map.of("code", weChat.code(), "encryptedData", weChat.encryptedData(),
                "iv", weChat.iv())).status()).isEqualTo(200);
        Response qqLogin = client.postJson("/api/v1/login", Map.of("platform", "qq", "code", qq.code(),
                "encryptedData", qq.encryptedData(), "iv", qq.iv()));
        assertThat(qqLogin.status()).as(qqLogin.raw()).isEqualTo(200);

        Response both = get("/admin/api/v1/users?q=" + nickname);
        Response onlyQq = get("/admin/api/v1/users?q=" + nickname + "&platform=qq");

        assertThat(texts(both.json().get("users"), "platform")).containsExactlyInAnyOrder("wechat", "qq");
        assertThat(onlyQq.json().get("total").asLong()).isEqualTo(1);
        assertThat(onlyQq.json().get("users").get(0).get("id").asLong()).isEqualTo(qqLogin.json().get("user").get("id").asLong());
        assertThat(onlyQq.json().get("users").get(0).get("platform").asString()).isEqualTo("qq");
        assertThat(get("/admin/api/v1/users?q=" + nickname + "&platform=alipay").json().get("total").asLong()).isZero();
        assertError(get("/admin/api/v1/users?platform=tiktok"), 400, "INVALID_FIELD");
    }

    @Test
    void disablingRefusesTheUsersTokenWithinSecondsAndIsAuditedWithTheKey() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "disabled");
        assertThat(client.get("/api/v1/me", user.accessToken()).status()).isEqualTo(200);

        Response disabled = post("/admin/api/v1/users/" + user.userId() + "/disable");
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        // At once: this instance forgets what its revocation check remembered of the user.
        assertThat(client.get("/api/v1/me", user.accessToken()).status()).isEqualTo(403);
        assertThat(adminEvents(user.userId(), AuditEventType.ADMIN_USER_DISABLE)).singleElement()
                .satisfies(event -> {
                    assertThat(event.adminActor()).isEqualTo(key.description().actor());
                    assertThat(event.outcome()).isEqualTo(AuditEvent.OK);
                });

        assertThat(post("/admin/api/v1/users/" + user.userId() + "/enable").json().get("disabled").asBoolean()).isFalse();
        assertThat(client.get("/api/v1/me", user.accessToken()).status()).isEqualTo(200);
        assertThat(adminEvents(user.userId(), AuditEventType.ADMIN_USER_ENABLE)).hasSize(1);
    }

    @Test
    void sessionsAreRevokedOneOrAllAndTheUserIsDeleted() {
        String name = TestUsers.unique("revoked");
        LoggedIn first = TestLogins.login(client, phone, appid, name);
        LoggedIn second = TestLogins.login(client, phone, appid, name);
        JsonNode sessions = get("/admin/api/v1/users/" + first.userId()).json().get("sessions");
        assertThat(sessions).hasSize(2);
        String sid = sessions.get(0).get("id").asString();

        assertThat(delete("/admin/api/v1/users/" + first.userId() + "/sessions/" + sid).status()).isEqualTo(204);
        assertError(delete("/admin/api/v1/users/" + first.userId() + "/sessions/" + sid), 404, "ADMIN_NOT_FOUND");
        assertThat(get("/admin/api/v1/users/" + first.userId()).json().get("sessions")).hasSize(1);

        Response all = delete("/admin/api/v1/users/" + first.userId() + "/sessions");
        assertThat(all.json().get("revoked").asInt()).as(all.raw()).isEqualTo(1);
        assertThat(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", second.refreshToken())).status()).isEqualTo(401);
        assertThat(adminEvents(first.userId(), AuditEventType.ADMIN_SESSION_REVOKE)).hasSize(2);
        assertThat(adminEvents(first.userId(), AuditEventType.ADMIN_SESSIONS_REVOKE)).hasSize(1);

        assertThat(delete("/admin/api/v1/users/" + first.userId()).status()).isEqualTo(204);
        assertError(get("/admin/api/v1/users/" + first.userId()), 404, "ADMIN_NOT_FOUND");
        assertError(delete("/admin/api/v1/users/" + first.userId()), 404, "ADMIN_NOT_FOUND");
        assertThat(adminEvents(first.userId(), AuditEventType.ADMIN_USER_DELETE)).extracting(AuditEvent::outcome)
                .containsExactlyInAnyOrder(AuditEvent.OK, "USER_NOT_FOUND");
    }

    @Test
    void theAuditLogIsFilteredByUserTypeOutcomeAppAndTime() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "audited");
        Instant before = Instant.now().minus(Duration.ofHours(1));
        Response events = get("/admin/api/v1/audit?user=" + user.userId() + "&type=LOGIN&outcome=OK&app=" + appid + "&from=" + before);
        assertThat(events.status()).as(events.raw()).isEqualTo(200);
        assertThat(events.json().get("total").asLong()).isEqualTo(1);
        assertThat(events.json().get("events").get(0).get("userId").asLong()).isEqualTo(user.userId());

        assertThat(get("/admin/api/v1/audit?user=" + user.userId() + "&to=" + before).json().get("total").asLong()).isZero();
        assertThat(get("/admin/api/v1/audit?user=" + user.userId() + "&outcome=WX_CODE_INVALID").json().get("total").asLong()).isZero();
        assertError(get("/admin/api/v1/audit?type=NO_SUCH_TYPE"), 400, "INVALID_FIELD");
    }

    @Test
    void theSigningKeyIsRotatedOnRequestAndTheNewKeyIsPublished() {
        Response rotated = post("/admin/api/v1/signing-keys/rotate");
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
        String kid = rotated.json().get("kid").asString();
        assertThat(rotated.json().get("kids").get(0).asString()).isEqualTo(kid);

        Response listed = get("/admin/api/v1/signing-keys");
        JsonNode newKey = null;
        for (JsonNode key : listed.json()) {
            if (key.get("kid").asString().equals(kid)) {
                newKey = key;
            }
        }
        assertThat(newKey).as(listed.raw()).isNotNull();
        assertThat(newKey.get("signing").asBoolean()).isTrue();
        assertThat(newKey.get("algorithm").asString()).isEqualTo("ES256");
        assertThat(listed.raw()).doesNotContain("\"d\"");
        assertThat(client.get("/.well-known/jwks.json").raw()).contains(kid);
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "newkey");
        assertThat(user.accessToken()).isNotNull();
        assertThat(audit.find(new AuditQuery(null, AuditEventType.ADMIN_SIGNING_KEY_ROTATE, null, false, null,
                key.description().actor(), null, null), 0, 10).events()).hasSize(1);
    }

    @Test
    void theAppsAreListedWithTheirAccessTokenHealthButNeverTheToken() {
        Response listed = get("/admin/api/v1/apps");
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(listed.json().get(0).get("appid").asString()).isEqualTo(appid);
        assertThat(listed.json().get(0).get("healthy").asBoolean()).as(listed.raw()).isTrue();
        assertThat(listed.json().get(0).has("expiresAt")).isTrue();
        assertThat(listed.raw()).doesNotContainIgnoringCase("access_token\":").doesNotContain("\"value\"");
    }

    @Test
    void aUsersViewListsTheAccountsTheyLinkedOnOtherPlatforms(PlatformLogins logins) {
        TestLinks.LinkedPair pair = TestLinks.linkedPair(client, phone, appid, logins, "admin-link");

        JsonNode links = get("/admin/api/v1/users/" + pair.douyin().userId()).json().get("platformLinks");

        assertThat(links).hasSize(1);
        assertThat(links.get(0).get("userId").asLong()).isEqualTo(pair.wechat().userId());
        assertThat(links.get(0).get("platform").asString()).isEqualTo("wechat");
        assertThat(links.get(0).get("confirmedBy").asLong()).isEqualTo(pair.douyin().userId());
    }

    private Response get(String path) {
        return client.get(path, key.key());
    }

    private Response post(String path) {
        return client.send(client.request(path).header("Authorization", "Bearer " + key.key())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    private Response delete(String path) {
        return client.delete(path, key.key());
    }

    private List<AuditEvent> adminEvents(long userId, AuditEventType type) {
        return audit.find(new AuditQuery(null, type, null, false, userId, null, null, null), 0, 50).events();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asString()));
        return values;
    }
}
