package dev.wxlogin.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.server.AtOnce;
import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.StoreTest;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditLogFixture;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.config.RowIds;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.session.LoginSessionsFixture.Instance;
import dev.wxlogin.server.token.AccessTokenFixture;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.user.UserStoreFixture;

/**
 * Login sessions and their refresh-token chains ({@link LoginSessions}, {@link RefreshTokenChain}) on a
 * bare database of each kind, with the real issuer, audit log and revocation check and a clock the test
 * moves: a session starts, its refresh token rotates, answers again within the grace window, ends its
 * session when reused after it, and every session of a user ends at once, on this instance at once
 * and on another once its revocation check's interval has passed on its clock; expired refresh
 * tokens are purged, live ones kept.
 */
@StoreTest
class LoginSessionsTest {

    private static final String APPID = "wxsessions00000001";
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final RequestOrigin PHONE = new RequestOrigin("10.0.0.1", "MicroMessenger/8.0");
    private static final RequestOrigin ELSEWHERE = new RequestOrigin("10.9.9.9", "curl/8");

    /** Standing still, in whole seconds: every database keeps those exactly. */
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    StoreDatabase database;
    UserStore users;
    AuditLog audit;
    Instance here;
    UserAccount user;

    @BeforeEach
    void setUp(StoreDatabase database) {
        this.database = database;
        users = UserStoreFixture.userStore(database);
        audit = AuditLogFixture.auditLog(database, clock);
        here = instance();
        user = UserStoreFixture.newUser(users, APPID, clock.instant());
    }

    @Test
    void aStartedSessionIsNamedByItsAccessTokenAndItsRefreshTokenRotatesOnce() throws Exception {
        TokenPair first = here.sessions().start(user, PHONE);
        String sid = sid(first);

        LoginSession started = here.sessions().find(sid).orElseThrow();
        assertThat(started.userId()).isEqualTo(user.id());
        assertThat(started.appid()).isEqualTo(APPID);
        assertThat(started.clientAddress()).isEqualTo("10.0.0.1");
        assertThat(started.revokedAt()).isNull();
        assertThat(here.sessions().activeOf(user.id())).extracting(LoginSession::id).containsExactly(sid);
        assertThat(first.expiresIn()).isEqualTo(AccessTokenFixture.TTL.toSeconds());

        clock.advance(Duration.ofMinutes(5));
        TokenPair second = here.sessions().refresh(first.refreshToken(), ELSEWHERE);

        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(sid(second)).as("the same session").isEqualTo(sid);
        LoginSession refreshed = here.sessions().find(sid).orElseThrow();
        assertThat(refreshed.lastUsedAt()).isEqualTo(clock.instant());
        assertThat(refreshed.clientAddress()).isEqualTo("10.9.9.9");
        assertThat(events(AuditEventType.REFRESH)).singleElement().satisfies(event -> {
            assertThat(event.sessionId()).isEqualTo(sid);
            assertThat(event.outcome()).isEqualTo(AuditEvent.OK);
        });
        assertThat(here.sessions().refresh(second.refreshToken(), PHONE).refreshToken()).as("the successor refreshes")
                .isNotIn(first.refreshToken(), second.refreshToken());
    }

    @Test
    void aUsedTokenPresentedAgainWithinTheGraceWindowAnswersTheSamePair() throws Exception {
        TokenPair first = here.sessions().start(user, PHONE);
        TokenPair rotated = here.sessions().refresh(first.refreshToken(), PHONE);

        clock.advance(GRACE.minusSeconds(1));
        TokenPair again = here.sessions().refresh(first.refreshToken(), ELSEWHERE);

        assertThat(again.accessToken()).isEqualTo(rotated.accessToken());
        assertThat(again.refreshToken()).isEqualTo(rotated.refreshToken());
        LoginSession session = here.sessions().find(sid(first)).orElseThrow();
        assertThat(session.revokedAt()).isNull();
        assertThat(session.reuse()).as("presented again from another origin").isNotNull();
        assertThat(session.reuse().clientAddress()).isEqualTo("10.9.9.9");
        assertThat(events(AuditEventType.REFRESH_GRACE_REUSE)).singleElement().satisfies(event -> {
            assertThat(event.clientAddress()).isEqualTo("10.9.9.9");
            assertThat(event.firstOrigin()).isEqualTo(PHONE);
        });
    }

    @Test
    void aUsedTokenPresentedAfterTheGraceWindowEndsItsSession() throws Exception {
        TokenPair first = here.sessions().start(user, PHONE);
        TokenPair rotated = here.sessions().refresh(first.refreshToken(), PHONE);
        assertThat(here.revocations().status(user.id(), sid(first))).isEqualTo(SessionRevocations.Status.ACTIVE);

        clock.advance(GRACE);
        assertThatThrownBy(() -> here.sessions().refresh(first.refreshToken(), ELSEWHERE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_REUSED));

        assertThat(here.sessions().find(sid(first)).orElseThrow().revokedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> here.sessions().refresh(rotated.refreshToken(), PHONE)).as("its successor died with it")
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_INVALID));
        assertThat(here.revocations().status(user.id(), sid(first))).as("at once on this instance")
                .isEqualTo(SessionRevocations.Status.SESSION_ENDED);
        assertThat(events(AuditEventType.REFRESH_TOKEN_REUSE)).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(ApiError.REFRESH_TOKEN_REUSED.name()));
    }

    @Test
    void endingEverySessionEndsThemHereAtOnceAndOnAnotherInstanceAfterItsCheckInterval() throws Exception {
        Instance other = instance();
        TokenPair phone = here.sessions().start(user, PHONE);
        TokenPair tablet = other.sessions().start(user, ELSEWHERE);
        UserAccount someoneElse = UserStoreFixture.newUser(users, APPID, clock.instant());
        TokenPair kept = here.sessions().start(someoneElse, PHONE);
        assertThat(other.revocations().status(user.id(), sid(phone))).isEqualTo(SessionRevocations.Status.ACTIVE);

        int ended = here.sessions().endAll(user.id());

        assertThat(ended).isEqualTo(2);
        assertThat(here.sessions().activeOf(user.id())).isEmpty();
        for (TokenPair pair : List.of(phone, tablet)) {
            assertThatThrownBy(() -> here.sessions().refresh(pair.refreshToken(), PHONE))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_INVALID));
        }
        assertThat(here.revocations().status(user.id(), sid(phone))).isEqualTo(SessionRevocations.Status.SESSION_ENDED);
        assertThat(other.revocations().status(user.id(), sid(phone))).as("remembered on the other instance until its interval passes")
                .isEqualTo(SessionRevocations.Status.ACTIVE);
        clock.advance(CHECK_INTERVAL);
        assertThat(other.revocations().status(user.id(), sid(phone))).isEqualTo(SessionRevocations.Status.SESSION_ENDED);
        assertThat(here.sessions().activeOf(someoneElse.id())).extracting(LoginSession::id).containsExactly(sid(kept));
    }

    @Test
    void anUnknownOrExpiredRefreshTokenIsRefusedAndTheRefusalAudited() {
        TokenPair pair = here.sessions().start(user, PHONE);

        assertThatThrownBy(() -> here.sessions().refresh("not-a-token-we-issued", PHONE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_INVALID));
        clock.advance(Duration.ofDays(30));
        assertThatThrownBy(() -> here.sessions().refresh(pair.refreshToken(), PHONE)).as("at the end of its 30 days")
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_INVALID));

        assertThat(events(AuditEventType.REFRESH)).singleElement().satisfies(event ->
                assertThat(event.outcome()).isEqualTo(ApiError.REFRESH_TOKEN_INVALID.name()));
    }

    @Test
    void aDisabledUsersRefreshIsRefusedWithoutUsingUpTheToken() {
        TokenPair pair = here.sessions().start(user, PHONE);
        users.setDisabled(user.id(), true);

        assertThatThrownBy(() -> here.sessions().refresh(pair.refreshToken(), PHONE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.USER_DISABLED));

        users.setDisabled(user.id(), false);
        assertThat(here.sessions().refresh(pair.refreshToken(), PHONE).refreshToken()).as("enabled again, the same token refreshes")
                .isNotEqualTo(pair.refreshToken());
    }

    @Test
    void aLoggedOutSessionsRefreshTokenIsRefusedAndOnlyThatSessionEnds() throws Exception {
        TokenPair phone = here.sessions().start(user, PHONE);
        TokenPair tablet = here.sessions().start(user, ELSEWHERE);

        here.sessions().logout(phone.refreshToken(), PHONE);
        here.sessions().logout("unknown-token-is-ignored", PHONE);

        assertThatThrownBy(() -> here.sessions().refresh(phone.refreshToken(), PHONE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_INVALID));
        assertThat(here.revocations().status(user.id(), sid(phone))).isEqualTo(SessionRevocations.Status.SESSION_ENDED);
        assertThat(here.sessions().activeOf(user.id())).extracting(LoginSession::id).containsExactly(sid(tablet));
        assertThat(events(AuditEventType.LOGOUT)).singleElement().satisfies(event -> assertThat(event.sessionId()).isEqualTo(sid(phone)));
    }

    @Test
    void concurrentRefreshesOfOneTokenRotateItOnceAndAllAnswerTheSamePair() throws Exception {
        TokenPair first = here.sessions().start(user, PHONE);
        int callers = 8;

        List<TokenPair> answers = AtOnce.run(callers, i -> here.sessions().refresh(first.refreshToken(), PHONE));

        Set<String> refreshTokens = new HashSet<>();
        for (TokenPair answer : answers) {
            refreshTokens.add(answer.refreshToken());
        }
        assertThat(refreshTokens).as("one rotation; the others answered its pair within the grace window").hasSize(1);
        assertThat(events(AuditEventType.REFRESH)).singleElement().satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.OK));
        assertThat(events(AuditEventType.REFRESH_GRACE_REUSE)).hasSize(callers - 1);
        assertThat(here.sessions().find(sid(first)).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void expiredTokensAreDeletedAndLiveOnesKept() {
        long userId = 4242;
        RefreshTokenChain tokens = new RefreshTokenChain(database.jdbc(), clock, Duration.ofDays(30), Duration.ZERO, database.batchedDelete());
        RefreshToken expired = tokens.start(RowIds.next(), userId, clock.instant());
        RefreshToken live = tokens.start(RowIds.next(), userId, clock.instant());
        database.jdbc().sql("UPDATE refresh_token SET expires_at = ? WHERE token_hash = ?")
                .param(Timestamp.from(clock.instant().minusSeconds(3600))).param(RefreshTokenChain.hash(expired.value())).update();

        long deleted = here.sessions().deleteExpiredBefore(clock.instant());

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(rows(expired)).isZero();
        assertThat(rows(live)).isEqualTo(1);
    }

    private long rows(RefreshToken token) {
        return database.jdbc().sql("SELECT COUNT(*) FROM refresh_token WHERE token_hash = ?")
                .param(RefreshTokenChain.hash(token.value())).query(Long.class).single();
    }

    /** A service instance's session logic over the shared database. */
    private Instance instance() {
        return LoginSessionsFixture.instance(database, users, audit, clock, GRACE, CHECK_INTERVAL);
    }

    private List<AuditEvent> events(AuditEventType type) {
        return audit.find(new AuditQuery(APPID, type, null, false, user.id(), null, null, null), 0, 10).events();
    }

    private static String sid(TokenPair pair) throws Exception {
        return SignedJWT.parse(pair.accessToken()).getJWTClaimsSet().getStringClaim(SessionClaims.SESSION_ID);
    }
}
