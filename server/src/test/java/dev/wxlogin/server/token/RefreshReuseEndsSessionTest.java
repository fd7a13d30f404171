package dev.wxlogin.server.token;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.session.LoginSessionStore;
import dev.wxlogin.server.session.SessionRevocations;
import dev.wxlogin.server.user.UserStore;

/**
 * A refresh token reused after the grace window ends its whole session: the access tokens of the
 * session too, and the audit log records the reuse with the user and session. The token service is
 * built as another instance of the deployment would run it, without a grace window, on the same database.
 */
@ServiceTest
class RefreshReuseEndsSessionTest {

    @LocalServerPort
    int port;
    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    WeChatApps apps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AccessTokenIssuer accessTokens;
    @Autowired
    UserStore users;
    @Autowired
    LoginSessionStore sessions;
    @Autowired
    SessionRevocations revocations;
    @Autowired
    AuditLog audit;

    @Test
    void reuseEndsTheSessionsAccessTokensAndIsAudited() throws Exception {
        HttpTestClient client = new HttpTestClient(port);
        LoggedIn bob = TestLogins.loginNew(client, new SandboxPhone(sandbox.baseUrl()), apps.defaultApp().appid(), "reused");
        String sid = SignedJWT.parse(bob.accessToken()).getJWTClaimsSet().getStringClaim("sid");
        MutableClock clock = new MutableClock();
        TokenService instance = new TokenService(accessTokens,
                new RefreshTokenStore(jdbc, transactions, clock, Duration.ofDays(30), Duration.ZERO), users, sessions,
                revocations, audit, clock);
        TokenPair rotated = instance.refresh(bob.refreshToken());
        assertThat(SignedJWT.parse(rotated.accessToken()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
        assertThat(client.get("/api/v1/me", rotated.accessToken()).status()).isEqualTo(200);

        assertThatThrownBy(() -> instance.refresh(bob.refreshToken()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_REUSED));

        assertError(client.get("/api/v1/me", rotated.accessToken()), 401, "SESSION_REVOKED");
        assertError(client.get("/api/v1/me", bob.accessToken()), 401, "SESSION_REVOKED");
        assertThat(audit.find(new AuditQuery(null, AuditEventType.REFRESH_TOKEN_REUSE, null, false, bob.userId(), null, null, null), 0, 10)
                .events()).singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo("REFRESH_TOKEN_REUSED");
                    assertThat(event.sessionId()).isEqualTo(sid);
                    assertThat(event.appid()).isEqualTo(apps.defaultApp().appid());
                });
        assertThat(audit.find(new AuditQuery(null, AuditEventType.REFRESH, AuditEvent.OK, false, bob.userId(), null, null, null), 0, 10)
                .total()).isEqualTo(1);
    }
}
