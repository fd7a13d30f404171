package dev.wxlogin.server.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.token.AccessTokenFixture;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.weblogin.WebGrantsFixture;

/**
 * One service instance's session logic over a {@link StoreDatabase}, as SessionConfiguration wires it:
 * the real refresh-token chain (30 days), access-token issuer, revocation check and web grants.
 */
public final class LoginSessionsFixture {

    /** The sessions, and the revocation check the instance's access tokens are checked against. */
    public record Instance(LoginSessions sessions, SessionRevocations revocations) {
    }

    private LoginSessionsFixture() {
    }

    /**
     * @param grace         how long a used refresh token still answers its successor
     * @param checkInterval how long this instance trusts what it knows of a session before asking the database again
     */
    public static Instance instance(StoreDatabase database, UserStore users, AuditLog audit, Clock clock, Duration grace,
                                    Duration checkInterval) {
        AtomicReference<LoginSessions> sessions = new AtomicReference<>();
        SessionRevocations revocations = new SessionRevocations(users, id -> sessions.get().find(id), checkInterval, clock);
        RefreshTokenChain tokens = new RefreshTokenChain(database.jdbc(), clock, Duration.ofDays(30), grace, database.batchedDelete());
        sessions.set(new LoginSessions(database.jdbc(), database.transactions(), tokens,
                AccessTokenFixture.accessTokenIssuer(database, clock), users, revocations, audit,
                WebGrantsFixture.webGrants(database, users, clock), database.batchedDelete(), clock));
        return new Instance(sessions.get(), revocations);
    }
}
