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
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.config.BatchedDelete;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.config.RowIds;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.token.AccessToken;
import dev.wxlogin.server.token.AccessTokenIssuer;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.AccountErasure;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.weblogin.WebGrants;

/**
 * The one owner of login state: the sessions in {@code login_session} and their refresh tokens
 * ({@link RefreshTokenChain}, one chain per session, the session's id its family id and the
 * {@code sid} of its access tokens). Starts a session on login, rotates its refresh token on refresh
 * (with the reuse grace window), and ends it: on logout, on the user's or an admin's request, on
 * refresh-token reuse, for every session of a user at once (with what the user gave on the web,
 * {@link WebGrants}: "log out everywhere" means everywhere). Ending a session revokes its refresh
 * tokens at once and, through {@link SessionRevocations}, its access tokens on every instance within
 * the revocation check's interval (at once on this one).
 *
 * <p>A login (started by the caller's transaction) and a refresh are each one transaction with their
 * audit row: a refresh answered is a refresh recorded.
 */
public class LoginSessions implements AccountErasure {

    private static final Logger LOG = LoggerFactory.getLogger(LoginSessions.class);
    private static final String COLUMNS = "id, user_id, appid, created_at, last_used_at, expires_at, client_address, "
            + "user_agent, revoked_at";
    private static final String READ_COLUMNS = COLUMNS + ", reused_elsewhere_at, reused_from_address, reused_from_user_agent";
    /** A refresh that lost a race to a concurrent one looks again once; the winner has committed by then. */
    private static final int REFRESH_ATTEMPTS = 3;

    /** What one refresh transaction came to: a pair, a refusal to answer after the commit, or a lost race to retry. */
    private record Refreshed(TokenPair pair, ApiError refused, boolean lostRace) {
        static final Refreshed LOST_RACE = new Refreshed(null, null, true);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RefreshTokenChain tokens;
    private final AccessTokenIssuer accessTokens;
    private final UserStore users;
    private final SessionRevocations revocations;
    private final AuditLog audit;
    private final WebGrants web;
    private final BatchedDelete batchedDelete;
    private final Clock clock;

    LoginSessions(JdbcClient jdbc, TransactionTemplate transactions, RefreshTokenChain tokens, AccessTokenIssuer accessTokens,
                  UserStore users, SessionRevocations revocations, AuditLog audit, WebGrants web, BatchedDelete batchedDelete,
                  Clock clock) {
        this.jdbc = jdbc;
        this.batchedDelete = batchedDelete;
        this.transactions = transactions;
        this.tokens = tokens;
        this.accessTokens = accessTokens;
        this.users = users;
        this.revocations = revocations;
        this.audit = audit;
        this.web = web;
        this.clock = clock;
    }

    /**
     * Starts a session for a user who just logged in: its row, its first refresh token, an access
     * token naming it. Runs in the caller's transaction (the login's), if there is one.
     *
     * @throws ApiException USER_DISABLED
     */
    public TokenPair start(UserAccount user, RequestOrigin origin) {
        requireEnabled(user);
        Instant now = clock.instant();
        String id = RowIds.next();
        RefreshToken refresh = tokens.start(id, user.id(), now);
        insert(id, user.id(), user.appid(), origin, now, refresh.expiresAt());
        return pair(accessTokens.issue(user, id), refresh);
    }

    /**
     * Trades a refresh token for a new pair; the presented token is used up. Presented again within
     * the reuse grace window, it answers the same pair as the first time ({@code REFRESH_GRACE_REUSE}).
     * Presented again after it, it ends its session ({@code REFRESH_TOKEN_REUSE}): two parties hold it.
     * Audited as {@code REFRESH} in the same transaction.
     *
     * @throws ApiException REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED or USER_DISABLED
     */
    public TokenPair refresh(String refreshToken, RequestOrigin origin) {
        try {
            for (int attempt = 1; ; attempt++) {
                Refreshed refreshed = transactions.execute(status -> {
                    Refreshed once = refreshOnce(refreshToken, origin);
                    if (once.lostRace()) {
                        status.setRollbackOnly();
                    }
                    return once;
                });
                if (refreshed.refused() != null) {
                    throw new ApiException(refreshed.refused());
                }
                if (!refreshed.lostRace()) {
                    return refreshed.pair();
                }
                if (attempt == REFRESH_ATTEMPTS) {
                    throw new ApiException(ApiError.REFRESH_TOKEN_INVALID);
                }
            }
        } catch (ApiException e) {
            if (e.error() != ApiError.REFRESH_TOKEN_REUSED) {
                refreshFailed(refreshToken, e.error(), origin);
            }
            throw e;
        }
    }

    private Refreshed refreshOnce(String value, RequestOrigin origin) {
        RefreshTokenChain.Presented presented = tokens.find(value);
        if (presented.reused()) {
            endReused(presented, origin);
            return new Refreshed(null, ApiError.REFRESH_TOKEN_REUSED, false);
        }
        UserAccount user = users.findById(presented.userId()).orElseThrow(() -> new ApiException(ApiError.REFRESH_TOKEN_INVALID));
        requireEnabled(user);
        Successor next;
        if (presented.isReplay()) {
            next = presented.replay();
            graceReuse(user, presented.familyId(), origin);
        } else {
            Optional<Successor> rotated = tokens.rotate(presented, value, accessTokens.issue(user, presented.familyId()));
            if (rotated.isEmpty()) {
                return Refreshed.LOST_RACE;
            }
            next = rotated.get();
            audit.append(AuditEvent.of(origin, AuditEventType.REFRESH, AuditEvent.OK, user.appid(), user.id(), presented.familyId()));
        }
        touch(presented.familyId(), user, origin, next.refreshToken().expiresAt());
        return new Refreshed(pair(next.accessToken(), next.refreshToken()), null, false);
    }

    /** A used token came back after the grace window: its session ends, and the reuse is recorded with it. */
    private void endReused(RefreshTokenChain.Presented presented, RequestOrigin origin) {
        String appid = find(presented.familyId()).map(LoginSession::appid).orElse(null);
        endRows(presented.familyId(), presented.userId());
        audit.append(AuditEvent.of(origin, AuditEventType.REFRESH_TOKEN_REUSE, ApiError.REFRESH_TOKEN_REUSED.name(), appid,
                presented.userId(), presented.familyId()));
        LOG.warn("Refresh token reused: session {} of user {} ended", presented.familyId(), presented.userId());
    }

    /**
     * A used token presented again inside the grace window: audited on its own with where the token
     * was first presented (the session's latest origin, the rotation's) and where it came back from.
     * From another origin it may be a copy in a thief's hands: the session shows it to its user.
     */
    private void graceReuse(UserAccount user, String familyId, RequestOrigin origin) {
        RequestOrigin first = find(familyId).map(s -> new RequestOrigin(s.clientAddress(), s.userAgent())).orElse(RequestOrigin.NONE);
        audit.append(new AuditEvent(null, null, AuditEventType.REFRESH_GRACE_REUSE, AuditEvent.OK, user.appid(), user.id(), familyId,
                origin.clientAddress(), origin.userAgent(), null, null, first));
        if (!first.equals(origin)) {
            jdbc.sql("UPDATE login_session SET reused_elsewhere_at = ?, reused_from_address = ?, reused_from_user_agent = ? WHERE id = ?")
                    .params(Timestamp.from(clock.instant()), origin.clientAddress(), origin.userAgent(), familyId).update();
            LOG.info("refresh token of user={} family={} presented again inside the grace window from another origin", user.id(), familyId);
        }
    }

    /** Audits a refused refresh, best effort: the client is owed the refusal itself. */
    private void refreshFailed(String value, ApiError error, RequestOrigin origin) {
        try {
            Optional<RefreshTokenChain.Family> family = tokens.familyOf(value);
            String appid = family.flatMap(f -> find(f.id())).map(LoginSession::appid).orElse(null);
            audit.record(AuditEvent.of(origin, AuditEventType.REFRESH, error.name(), appid,
                    family.map(RefreshTokenChain.Family::userId).orElse(null), family.map(RefreshTokenChain.Family::id).orElse(null)));
        } catch (DataAccessException lookupFailed) {
            LOG.warn("refresh failure {} not audited: {}", error, lookupFailed.getClass().getSimpleName());
        }
    }

    /**
     * Ends the session the refresh token belongs to, its access tokens included; audited as
     * {@code LOGOUT}. Unknown tokens are ignored, as RFC 7009 does.
     */
    public void logout(String refreshToken, RequestOrigin origin) {
        transactions.executeWithoutResult(status -> tokens.familyOf(refreshToken).ifPresent(family -> {
            Optional<LoginSession> session = find(family.id());
            endRows(family.id(), family.userId());
            session.ifPresent(s -> audit.append(AuditEvent.of(origin, AuditEventType.LOGOUT, AuditEvent.OK, s.appid(), s.userId(),
                    family.id())));
        }));
    }

    /**
     * Ends every session of the user, on every device, and on the web (browser sign-ins, websites'
     * grants); audited as {@code LOGOUT_ALL}.
     */
    public void logoutEverywhere(long userId, String appid, RequestOrigin origin) {
        transactions.executeWithoutResult(status -> {
            int ended = endAllRows(userId);
            audit.append(AuditEvent.of(origin, AuditEventType.LOGOUT_ALL, AuditEvent.OK, appid, userId, null));
            LOG.info("logout everywhere user={} ended={}", userId, ended);
        });
    }

    /**
     * Ends one active session of a user. Records nothing; the caller audits who asked.
     *
     * @return whether the user had that session active
     */
    public boolean end(long userId, String sessionId) {
        Boolean ended = transactions.execute(status -> {
            if (find(sessionId).filter(s -> s.userId() == userId && s.activeAt(clock.instant())).isEmpty()) {
                return false;
            }
            endRows(sessionId, userId);
            return true;
        });
        return Boolean.TRUE.equals(ended);
    }

    /**
     * Ends every session of a user, and on the web (browser sign-ins, websites' grants). Records
     * nothing; the caller audits who asked.
     *
     * @return the number of mini-program sessions that were active
     */
    public int endAll(long userId) {
        Integer ended = transactions.execute(status -> endAllRows(userId));
        return ended == null ? 0 : ended;
    }

    /** Deletes the user's sessions and refresh tokens; a token naming one is refused after. */
    @Override
    public void erase(long userId) {
        tokens.deleteAllOf(userId);
        jdbc.sql("DELETE FROM login_session WHERE user_id = ?").param(userId).update();
    }

    /** The session with this id, ended or not. */
    public Optional<LoginSession> find(String id) {
        return jdbc.sql("SELECT " + READ_COLUMNS + " FROM login_session WHERE id = ?").param(id)
                .query(LoginSessions::map).optional();
    }

    /** The user's sessions that can still refresh, most recently used first. */
    public List<LoginSession> activeOf(long userId) {
        return jdbc.sql("SELECT " + READ_COLUMNS + " FROM login_session WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? "
                        + "ORDER BY last_used_at DESC, id")
                .param(userId).param(Timestamp.from(clock.instant()))
                .query(LoginSessions::map).list();
    }

    /**
     * Deletes sessions and refresh tokens that expired before {@code cutoff}: used, revoked or not,
     * they can no longer refresh anything. Every instance may run it; the DELETEs are idempotent.
     *
     * @return the number of refresh tokens and sessions deleted
     */
    public long deleteExpiredBefore(Instant cutoff) {
        return tokens.deleteExpiredBefore(cutoff)
                + batchedDelete.deleteBefore("login_session", "expires_at", cutoff).deleted();
    }

    /** Hourly, so the tables hold the live sessions and a day of expired ones, not every refresh ever made. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purgeExpired() {
        long deleted = deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            LOG.info("Deleted {} refresh token(s) and session(s) expired over a day ago", deleted);
        }
    }

    /**
     * Erases the sealed successors whose grace window ended before {@code now}, so that they do not
     * wait in the table (or its backups) until the row expires.
     *
     * @return the number of rows erased
     */
    int eraseSuccessorsPastGrace(Instant now) {
        return tokens.eraseSuccessorsPastGrace(now);
    }

    /** Twice a default window, so a sealed successor outlives its window by a minute at most. */
    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
    void erasePastGrace() {
        eraseSuccessorsPastGrace(clock.instant());
    }

    /**
     * The one place a session ends, inside a transaction: its refresh tokens, its row, and (once
     * committed) this instance's memory of its access tokens.
     */
    private void endRows(String sessionId, long userId) {
        tokens.revokeFamily(sessionId);
        jdbc.sql("UPDATE login_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .param(Timestamp.from(clock.instant())).param(sessionId).update();
        forgetAfterCommit(userId);
    }

    /** Every session of a user ending at once, as {@link #endRows} ends one, and what they gave on the web. */
    private int endAllRows(long userId) {
        web.endAll(userId);
        tokens.revokeAllOf(userId);
        int ended = jdbc.sql("UPDATE login_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .param(Timestamp.from(clock.instant())).param(userId).update();
        forgetAfterCommit(userId);
        return ended;
    }

    /** Other instances see an ending within the revocation check's interval; this one as soon as it is committed. */
    private void forgetAfterCommit(long userId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                revocations.forget(userId);
            }
        });
    }

    private void insert(String id, long userId, String appid, RequestOrigin origin, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO login_session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)")
                .param(id).param(userId).param(appid).param(Timestamp.from(now)).param(Timestamp.from(now))
                .param(Timestamp.from(expiresAt)).param(origin.clientAddress()).param(origin.userAgent())
                .update();
    }

    /** Records a refresh of the session; a chain from before sessions were recorded gets its row now. */
    private void touch(String id, UserAccount user, RequestOrigin origin, Instant expiresAt) {
        Instant now = clock.instant();
        int updated = jdbc.sql("UPDATE login_session SET last_used_at = ?, expires_at = ?, client_address = ?, user_agent = ? "
                        + "WHERE id = ?")
                .param(Timestamp.from(now)).param(Timestamp.from(expiresAt))
                .param(origin.clientAddress()).param(origin.userAgent()).param(id)
                .update();
        if (updated == 0) {
            insert(id, user.id(), user.appid(), origin, now, expiresAt);
        }
    }

    private static void requireEnabled(UserAccount user) {
        if (user.disabled()) {
            throw new ApiException(ApiError.USER_DISABLED);
        }
    }

    private TokenPair pair(AccessToken access, RefreshToken refresh) {
        long expiresIn = Duration.between(clock.instant(), access.expiresAt()).toSeconds();
        return new TokenPair(access.value(), refresh.value(), Math.max(expiresIn, 0), TokenPair.BEARER);
    }

    private static LoginSession map(ResultSet rs, int row) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        Timestamp reusedAt = rs.getTimestamp("reused_elsewhere_at");
        return new LoginSession(rs.getString("id"), rs.getLong("user_id"), rs.getString("appid"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_used_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), rs.getString("client_address"), rs.getString("user_agent"),
                revokedAt == null ? null : revokedAt.toInstant(),
                reusedAt == null ? null : new LoginSession.ReuseElsewhere(reusedAt.toInstant(), rs.getString("reused_from_address"),
                        rs.getString("reused_from_user_agent")));
    }
}
