package dev.wxlogin.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.AtOnce;
import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.StoreTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditLogFixture;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.platform.CodeExchanges;
import dev.wxlogin.server.platform.CodeExchangesFixture;
import dev.wxlogin.server.platform.LoginCodes;
import dev.wxlogin.server.ratelimit.LoginRateLimiterFixture;
import dev.wxlogin.server.session.LoginSessions;
import dev.wxlogin.server.session.LoginSessionsFixture;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.user.UserStoreFixture;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The login itself ({@link LoginService}) without Spring and without HTTP in front of it: the real code
 * exchange talking HTTP to a sandbox WeChat, the real user store, sessions, audit log and rate limiter over a
 * bare database of each kind. A first login records the user, its session and its audit rows; a second finds
 * the same user and starts another session; a used code records nothing but its failed audit row; many first
 * logins of one user at once leave one user; encrypted user info is decrypted with the new session key and its
 * watermark checked before anything is recorded.
 */
@StoreTest
class LoginServiceTest {

    private static final String APPID = "wxloginsvc00000001";
    private static final String SECRET = "login-service-test-secret";
    private static final MiniProgramApp APP = MiniProgramApp.withSecret(Platform.WECHAT, APPID, SECRET);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    static SandboxWeChat sandbox;
    static SandboxPhone phone;

    /** Standing still, in whole seconds: every database keeps those exactly. */
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    JdbcClient jdbc;
    CodeExchanges exchanges;
    LoginSessions sessions;
    LoginService logins;
    /** This test's own client address, so that its audit rows are its own in the shared database. */
    RequestOrigin origin;

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = SandboxWeChat.start(SandboxSettings.of(new SandboxApp(APPID, SECRET, true)));
        phone = new SandboxPhone(sandbox.baseUrl());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp(StoreDatabase database) {
        jdbc = database.jdbc();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UserStore users = UserStoreFixture.userStore(database);
        AuditLog audit = AuditLogFixture.auditLog(database, clock, meters);
        exchanges = CodeExchangesFixture.overSandbox(sandbox, meters, clock);
        sessions = LoginSessionsFixture.instance(database, users, audit, clock, Duration.ofSeconds(30), Duration.ofSeconds(2))
                .sessions();
        logins = new LoginService(exchanges, new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ofMinutes(5)).withClockOf(clock)),
                users, meters, LoginRateLimiterFixture.inMemory(clock), sessions, audit, database.transactions(), clock);
        int address = ADDRESSES.incrementAndGet();
        origin = new RequestOrigin("10.42." + address / 250 + "." + (address % 250 + 1), "MicroMessenger/8.0");
    }

    @Test
    void aFirstLoginRecordsOneUserOneSessionAndItsAuditRowsAndAnswersTokens() {
        SandboxPhone.Login login = phone.login(APPID, TestUsers.unique("first"));

        LoginResult result = logins.login(APP, code(login.code()), origin);

        assertThat(result.created()).isTrue();
        assertThat(result.user().openid()).isEqualTo(login.openid());
        assertThat(result.user().appid()).isEqualTo(APPID);
        assertThat(result.tokens().accessToken()).isNotBlank();
        assertThat(result.tokens().refreshToken()).isNotBlank();
        assertThat(result.tokens().tokenType()).isEqualTo(TokenPair.BEARER);
        assertThat(userRows(login.openid())).isEqualTo(1);
        assertThat(sessionRows(result.user().id())).isEqualTo(1);
        assertThat(auditRows(AuditEventType.LOGIN, AuditEvent.OK, result.user().id())).isEqualTo(1);
        assertThat(auditRows(AuditEventType.USER_CREATE, AuditEvent.OK, result.user().id())).isEqualTo(1);
        assertThat(sessions.refresh(result.tokens().refreshToken(), origin).refreshToken()).as("its refresh token refreshes")
                .isNotEqualTo(result.tokens().refreshToken());
    }

    @Test
    void aSecondLoginWithANewCodeFindsTheSameUserAndStartsASecondSession() {
        String user = TestUsers.unique("again");
        LoginResult first = logins.login(APP, code(phone.login(APPID, user).code()), origin);
        clock.advance(Duration.ofMinutes(1));

        LoginResult second = logins.login(APP, code(phone.login(APPID, user).code()), origin);

        assertThat(second.created()).isFalse();
        assertThat(second.user().id()).isEqualTo(first.user().id());
        assertThat(userRows(first.user().openid())).isEqualTo(1);
        assertThat(sessionRows(first.user().id())).isEqualTo(2);
        assertThat(second.tokens().refreshToken()).isNotEqualTo(first.tokens().refreshToken());
        assertThat(auditRows(AuditEventType.LOGIN, AuditEvent.OK, first.user().id())).isEqualTo(2);
        assertThat(auditRows(AuditEventType.USER_CREATE, AuditEvent.OK, first.user().id())).isEqualTo(1);
        assertThat(sessions.refresh(first.tokens().refreshToken(), origin).refreshToken())
                .as("the first session lives on beside the second").isNotBlank();
    }

    @Test
    void aUsedCodeIsWeChatsUsedCodeAndRecordsOnlyTheFailedLogin() {
        SandboxPhone.Login login = phone.login(APPID, TestUsers.unique("used"));
        exchanges.exchange(APP, LoginCodes.of(login.code()));

        Throwable refused = catchThrowable(() -> logins.login(APP, code(login.code()), origin));

        assertThat(refused).isNotNull();
        assertThat(ApiErrorMapping.of(refused)).isEqualTo(ApiError.WX_CODE_USED);
        assertThat(userRows(login.openid())).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_session WHERE client_address = ?").param(origin.clientAddress())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT event_type, outcome, appid, user_id FROM audit_event WHERE client_address = ?")
                .param(origin.clientAddress())
                .query((row, n) -> List.of(row.getString(1), row.getString(2), row.getString(3), String.valueOf(row.getObject(4))))
                .list()).containsExactly(List.of(AuditEventType.LOGIN.name(), ApiError.WX_CODE_USED.name(), APPID, "null"));
    }

    @Test
    void encryptedUserInfoIsDecryptedWithTheNewSessionKeyAndItsProfileRecordedWithTheUser() {
        SandboxPhone.Login login = phone.login(APPID, TestUsers.unique("profile"), Map.of("nickName", "小林", "city", "Hangzhou"), Map.of());

        LoginResult result = logins.login(APP, LoginCommand.weChat(login.code(), login.encryptedData(), login.iv(), null, null), origin);

        assertThat(result.userInfo().text("openId")).isEqualTo(login.openid());
        assertThat(result.userInfo().watermark().appid()).isEqualTo(APPID);
        assertThat(jdbc.sql("SELECT nickname, city FROM wx_user WHERE appid = ? AND openid = ?").param(APPID).param(login.openid())
                .query((row, n) -> List.of(row.getString(1), row.getString(2))).single()).containsExactly("小林", "Hangzhou");
    }

    @Test
    void encryptedDataWithAForgedOrStaleWatermarkRecordsNoUserAndNoSession() {
        for (Map<String, ?> tamper : List.of(Map.of("watermarkAppid", "wxsomeoneelses00001"), Map.of("watermarkAgeSeconds", 3600))) {
            SandboxPhone.Login login = phone.login(APPID, TestUsers.unique("forged"), Map.of("nickName", "phisher"), tamper);

            Throwable refused = catchThrowable(() -> logins.login(APP,
                    LoginCommand.weChat(login.code(), login.encryptedData(), login.iv(), null, null), origin));

            assertThat(ApiErrorMapping.of(refused)).as("%s", tamper).isEqualTo(ApiError.DATA_DECRYPT_FAILED);
            assertThat(userRows(login.openid())).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_session WHERE client_address = ?").param(origin.clientAddress())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE client_address = ?").param(origin.clientAddress())
                .query(String.class).list()).containsExactly(ApiError.DATA_DECRYPT_FAILED.name(), ApiError.DATA_DECRYPT_FAILED.name());
    }

    @Test
    void concurrentFirstLoginsOfOneNewUserLeaveOneUserRow() throws Exception {
        int threads = 8;
        String user = TestUsers.unique("crowd");
        List<SandboxPhone.Login> codes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            codes.add(phone.login(APPID, user));
        }
        List<LoginResult> answers = AtOnce.run(threads, i -> logins.login(APP, code(codes.get(i).code()), origin));

        Set<Long> userIds = new HashSet<>();
        int created = 0;
        for (LoginResult result : answers) {
            userIds.add(result.user().id());
            created += result.created() ? 1 : 0;
        }
        String openid = codes.get(0).openid();
        assertThat(userRows(openid)).isEqualTo(1);
        assertThat(userIds).hasSize(1);
        assertThat(created).as("exactly one of the logins created the user").isEqualTo(1);
        long userId = userIds.iterator().next();
        assertThat(sessionRows(userId)).isEqualTo(threads);
        assertThat(auditRows(AuditEventType.USER_CREATE, AuditEvent.OK, userId)).isEqualTo(1);
        assertThat(auditRows(AuditEventType.LOGIN, AuditEvent.OK, userId)).isEqualTo(threads);
    }

    private static LoginCommand code(String code) {
        return LoginCommand.weChat(code, null, null, null, null);
    }

    private long userRows(String openid) {
        return jdbc.sql("SELECT COUNT(*) FROM wx_user WHERE appid = ? AND openid = ?").param(APPID).param(openid)
                .query(Long.class).single();
    }

    private long sessionRows(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM login_session WHERE user_id = ?").param(userId).query(Long.class).single();
    }

    private long auditRows(AuditEventType type, String outcome, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event_type = ? AND outcome = ? AND user_id = ?")
                .param(type.name()).param(outcome).param(userId).query(Long.class).single();
    }
}
