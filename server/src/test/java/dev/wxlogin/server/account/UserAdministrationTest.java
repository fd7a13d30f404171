package dev.wxlogin.server.account;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.session.LoginSession;
import dev.wxlogin.server.user.UserAccount;

/**
 * The operations the admin console builds on: search, sessions, disable/enable, revoke, delete;
 * each takes effect on the user's tokens and is audited with the admin.
 */
@RedisMatrix
@ServiceTest
class UserAdministrationTest {

    private static final String ADMIN = "ops@example.test";
    private static final AdminActor ACTOR = new AdminActor(ADMIN, RequestOrigin.NONE);

    @Autowired
    UserAdministration administration;
    @Autowired
    AuditLog audit;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void usersAreFoundByIdOpenidUnionidNicknameAndPhoneDigits() {
        String user = TestUsers.unique("findme");
        String nickname = "Zhang" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + "_%";
        String number = "136" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        SandboxPhone.Login login = phone.login(appid, user, Map.of("nickName", nickname), Map.of());
        Response loggedIn = client.postJson("/api/v1/login", Map.of("code", login.code(), "encryptedData", login.encryptedData(),
                "iv", login.iv()));
        long userId = loggedIn.json().get("user").get("id").asLong();
        client.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(appid, user, number, "86").code()),
                loggedIn.json().get("accessToken").asString());

        for (String query : List.of(Long.toString(userId), login.openid(), login.unionid(), nickname.substring(2).toLowerCase(),
                number.substring(number.length() - 8))) {
            UserSearchPage page = administration.search(query, appid, 0, 20);
            assertThat(page.users()).as(query).extracting(UserAccount::id).contains(userId);
        }
        assertThat(administration.search("Zhang_%", appid, 0, 20).users()).as("wildcards are literal")
                .extracting(UserAccount::id).doesNotContain(userId);
        assertThat(administration.search(login.openid(), "wxotherapp", 0, 20).total()).isZero();
        UserSearchPage firstPage = administration.search("", null, 0, 1);
        assertThat(firstPage.users()).hasSize(1);
        assertThat(firstPage.total()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void disablingRefusesTheUsersTokensAtOnceAndEnablingRestoresThem() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "banned");

        assertThat(administration.disable(user.userId(), ACTOR)).isTrue();

        assertError(client.get("/api/v1/me/sessions", user.accessToken()), 403, "USER_DISABLED");
        assertThat(administration.enable(user.userId(), ACTOR)).isTrue();
        assertThat(client.get("/api/v1/me/sessions", user.accessToken()).status()).isEqualTo(200);
        assertThat(audit.find(AuditQuery.ofUser(user.userId()), 0, 50).events())
                .filteredOn(e -> e.type().byAdmin())
                .extracting(AuditEvent::type, AuditEvent::adminActor, AuditEvent::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple(AuditEventType.ADMIN_USER_DISABLE, ADMIN, "OK"),
                        org.assertj.core.groups.Tuple.tuple(AuditEventType.ADMIN_USER_ENABLE, ADMIN, "OK"));
    }

    @Test
    void sessionsAreListedAndRevokedOneOrAll() {
        String name = TestUsers.unique("sessions");
        LoggedIn first = TestLogins.login(client, phone, appid, name);
        LoggedIn second = TestLogins.login(client, phone, appid, name);
        LoggedIn third = TestLogins.login(client, phone, appid, name);
        List<LoginSession> sessions = administration.sessions(first.userId());
        assertThat(sessions).hasSize(3);

        String firstSid = sessions.stream().filter(s -> s.createdAt().equals(
                sessions.stream().map(LoginSession::createdAt).min(java.util.Comparator.naturalOrder()).orElseThrow()))
                .findFirst().orElseThrow().id();
        assertThat(administration.revokeSession(first.userId(), firstSid, ACTOR)).isTrue();
        assertThat(administration.revokeSession(first.userId(), firstSid, ACTOR)).isFalse();
        assertThat(administration.sessions(first.userId())).hasSize(2);

        assertThat(administration.revokeSessions(first.userId(), ACTOR)).isEqualTo(2);
        assertError(client.get("/api/v1/me", second.accessToken()), 401, "SESSION_REVOKED");
        assertError(client.get("/api/v1/me", third.accessToken()), 401, "SESSION_REVOKED");
        assertThat(administration.sessions(first.userId())).isEmpty();
    }

    @Test
    void deletingAUserEndsTheirTokensAndIsAuditedWithTheAdmin() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "deleted-by-admin");

        assertThat(administration.delete(user.userId(), ACTOR)).isTrue();

        assertThat(administration.user(user.userId())).isEmpty();
        assertError(client.get("/api/v1/me", user.accessToken()), 401, "USER_NOT_FOUND");
        assertThat(administration.delete(user.userId(), ACTOR)).isFalse();
        assertThat(audit.find(new AuditQuery(null, AuditEventType.ADMIN_USER_DELETE, null, false, user.userId(), ADMIN, null, null), 0, 10)
                .events()).extracting(AuditEvent::outcome).containsExactlyInAnyOrder("OK", "USER_NOT_FOUND");
    }
}
