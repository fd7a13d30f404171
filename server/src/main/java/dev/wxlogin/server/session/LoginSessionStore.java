package dev.wxlogin.server.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import dev.wxlogin.server.audit.RequestOrigin;

/**
 * Login sessions in the {@code login_session} table, one row per refresh-token family. The token
 * code keeps it in step: a row on login, touched on refresh, ended with its family.
 */
public class LoginSessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(LoginSessionStore.class);
    private static final String COLUMNS = "id, user_id, appid, created_at, last_used_at, expires_at, client_address, "
            + "user_agent, revoked_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginSessionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the session a login started. */
    public void start(String id, long userId, String appid, RequestOrigin origin, Instant expiresAt) {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO login_session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)")
                .param(id).param(userId).param(appid).param(Timestamp.from(now)).param(Timestamp.from(now))
                .param(Timestamp.from(expiresAt)).param(origin.clientAddress()).param(origin.userAgent())
                .update();
    }

    /**
     * Records a refresh of the session; a family from before sessions were recorded gets its row now.
     */
    public void touch(String id, long userId, String appid, RequestOrigin origin, Instant expiresAt) {
        int updated = jdbc.sql("UPDATE login_session SET last_used_at = ?, expires_at = ?, client_address = ?, user_agent = ? "
                        + "WHERE id = ?")
                .param(Timestamp.from(clock.instant())).param(Timestamp.from(expiresAt))
                .param(origin.clientAddress()).param(origin.userAgent()).param(id)
                .update();
        if (updated == 0) {
            start(id, userId, appid, origin, expiresAt);
        }
    }

    /** The session with this id, ended or not. */
    public Optional<LoginSession> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM login_session WHERE id = ?").param(id)
                .query(LoginSessionStore::map).optional();
    }

    /** The user's sessions that can still refresh, most recently used first. */
    public List<LoginSession> activeOf(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM login_session WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? "
                        + "ORDER BY last_used_at DESC, id")
                .param(userId).param(Timestamp.from(clock.instant()))
                .query(LoginSessionStore::map).list();
    }

    /** Ends a session; says whether it was active. */
    public boolean revoke(String id) {
        return jdbc.sql("UPDATE login_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .param(Timestamp.from(clock.instant())).param(id).update() == 1;
    }

    /** Ends every session of a user; returns how many were active. */
    public int revokeAllOf(long userId) {
        return jdbc.sql("UPDATE login_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .param(Timestamp.from(clock.instant())).param(userId).update();
    }

    /** Deletes every session of a user, for an account deletion; a token naming one is refused after. */
    public int deleteAllOf(long userId) {
        return jdbc.sql("DELETE FROM login_session WHERE user_id = ?").param(userId).update();
    }

    /** Deletes sessions that expired before {@code cutoff}; their access tokens expired long before. */
    public int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM login_session WHERE expires_at < ?").param(Timestamp.from(cutoff)).update();
    }

    /** Hourly, with the refresh tokens they describe. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purgeExpired() {
        int deleted = deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            LOG.info("Deleted {} login session(s) expired over a day ago", deleted);
        }
    }

    private static LoginSession map(ResultSet rs, int row) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new LoginSession(rs.getString("id"), rs.getLong("user_id"), rs.getString("appid"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_used_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), rs.getString("client_address"), rs.getString("user_agent"),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}
