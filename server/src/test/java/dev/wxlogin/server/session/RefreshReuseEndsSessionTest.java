package dev.wxlogin.server.session;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.token.TokenPair;

/**
 * A refresh token reused after the grace window ends its whole session: the access tokens of the
 * session too, and the audit log records the reuse with the user and session. The sessions are
 * built as another instance of the deployment would run it, without a grace window, on the same database.
 */
@DatabaseMatrix
@ServiceTest
class RefreshReuseEndsSessionTest {

    @Autowired
    AuditLog audit;
    @Autowired
    ApplicationContext service;

    @Fixture HttpTestClient client;
    @Fixture String appid;
    @Fixture LoggedIn bob;

    @Test
    void reuseEndsTheSessionsAccessTokensAndIsAudited() throws Exception {
        String sid = SignedJWT.parse(bob.accessToken()).getJWTClaimsSet().getStringClaim("sid");
        MutableClock clock = new MutableClock();
        LoginSessions instance = AnotherInstance.loginSessions(service, clock, Duration.ZERO);
        TokenPair rotated = instance.refresh(bob.refreshToken(), RequestOrigin.NONE);
        assertThat(SignedJWT.parse(rotated.accessToken()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
        assertThat(client.get("/api/v1/me", rotated.accessToken()).status()).isEqualTo(200);

        assertThatThrownBy(() -> instance.refresh(bob.refreshToken(), RequestOrigin.NONE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.REFRESH_TOKEN_REUSED));

        assertError(client.get("/api/v1/me", rotated.accessToken()), 401, "SESSION_REVOKED");
        assertError(client.get("/api/v1/me", bob.accessToken()), 401, "SESSION_REVOKED");
        assertThat(audit.find(new AuditQuery(null, AuditEventType.REFRESH_TOKEN_REUSE, null, false, bob.userId(), null, null, null), 0, 10)
                .events()).singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo("REFRESH_TOKEN_REUSED");
                    assertThat(event.sessionId()).isEqualTo(sid);
                    assertThat(event.appid()).isEqualTo(appid);
                });
        assertThat(audit.find(new AuditQuery(null, AuditEventType.REFRESH, AuditEvent.OK, false, bob.userId(), null, null, null), 0, 10)
                .total()).isEqualTo(1);
    }
}
