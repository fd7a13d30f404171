package dev.wxlogin.server.session;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.config.BatchedDelete;
import dev.wxlogin.server.config.RowIds;
import dev.wxlogin.server.crypto.Sha256;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.token.AccessToken;

/**
 * The refresh tokens of the sessions, in the {@code refresh_token} table, stored only as SHA-256
 * hashes: one chain (family) per session. Only {@link LoginSessions} uses it, inside its transactions;
 * it decides what a reused token means for the session.
 *
 * <p>Each token is single-use: {@link #rotate} marks it used with a conditional UPDATE (so that of
 * two concurrent uses exactly one wins) and issues its successor in the same chain. For {@code grace}
 * after a rotation, the used row keeps the successor it answered, sealed under a key derived from the
 * presented token ({@link SuccessorSealing}), and a repeated presentation answers that same successor.
 * Revoked rows never answer from the window.
 */
class RefreshTokenChain {

    private static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * A stored token that was presented: usable (known, unused, unrevoked, unexpired), used within the
     * grace window with the successor it answered then, or used outside it (reused: two parties hold it).
     *
     * @param id       its row
     * @param familyId its chain: the session
     * @param userId   whose it is
     * @param replay   the successor of its rotation within the grace window, or {@code null}
     * @param reused   whether it was used already and no grace answer is possible
     */
    record Presented(String id, String familyId, long userId, Successor replay, boolean reused) {

        /** Whether this token was already rotated and its earlier answer is to be given again. */
        boolean isReplay() {
            return replay != null;
        }
    }

    private record Stored(String id, String familyId, long userId, Instant expiresAt, boolean used, boolean revoked,
                          String successorSealed, Instant successorUntil) {
    }

    private final JdbcClient jdbc;
    private final BatchedDelete batchedDelete;
    private final Clock clock;
    private final Duration ttl;
    private final Duration grace;
    private final SuccessorSealing sealing = new SuccessorSealing();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param ttl   how long a refresh token lives
     * @param grace how long after its rotation a token answers its successor again; zero turns that off
     */
    RefreshTokenChain(JdbcClient jdbc, Clock clock, Duration ttl, Duration grace, BatchedDelete batchedDelete) {
        this.batchedDelete = batchedDelete;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("wxlogin.token.refresh-reuse-grace must not be negative: " + grace);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
        this.grace = grace;
    }

    /** Starts the chain of a new session, its id the session's. */
    RefreshToken start(String sessionId, long userId, Instant now) {
        RefreshToken token = newToken(sessionId, now);
        insert(RowIds.next(), token, userId, now);
        return token;
    }

    /**
     * The token with this value: usable, a replay, or reused.
     *
     * @throws ApiException {@link ApiError#REFRESH_TOKEN_INVALID} when unknown, expired or revoked
     */
    Presented find(String value) {
        if (!wellFormed(value)) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID);
        }
        Stored stored = load(hash(value)).orElseThrow(() -> new ApiException(ApiError.REFRESH_TOKEN_INVALID));
        return presented(stored, value, clock.instant());
    }

    /**
     * Uses {@code token} up and issues its successor: {@code accessToken} and a new refresh token.
     * Blocks while a concurrent rotation of the same row is uncommitted.
     *
     * @return the successor, or empty when another request (a rotation or an ending) got there first:
     *         the caller's transaction is then to be rolled back and the token looked up again
     */
    Optional<Successor> rotate(Presented token, String value, AccessToken accessToken) {
        Instant now = clock.instant();
        String nextId = RowIds.next();
        Successor successor = new Successor(accessToken, newToken(token.familyId(), now));
        boolean keep = !grace.isZero();
        String sealed = keep ? sealing.seal(value, token.id(), successor) : null;
        Timestamp until = keep ? Timestamp.from(now.plus(grace)) : null;
        int marked = jdbc.sql("""
                        UPDATE refresh_token SET used_at = ?, rotated_to = ?, successor_sealed = ?, successor_until = ?
                        WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL""")
                .param(Timestamp.from(now)).param(nextId).param(sealed).param(until).param(token.id())
                .update();
        if (marked == 0) {
            return Optional.empty();
        }
        insert(nextId, successor.refreshToken(), token.userId(), now);
        return Optional.of(successor);
    }

    /**
     * A chain: one session's refresh tokens.
     *
     * @param id     the session's id
     * @param userId whose it is
     */
    record Family(String id, long userId) {
    }

    /** The chain of the token with this value, used, revoked or not, if it is known. */
    Optional<Family> familyOf(String value) {
        if (!wellFormed(value)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT family_id, user_id FROM refresh_token WHERE token_hash = ?")
                .param(hash(value)).query((rs, n) -> new Family(rs.getString("family_id"), rs.getLong("user_id"))).optional();
    }

    /** Revokes a whole chain: its session ended. */
    void revokeFamily(String familyId) {
        jdbc.sql("""
                        UPDATE refresh_token SET revoked_at = ?, successor_sealed = NULL, successor_until = NULL
                        WHERE family_id = ? AND revoked_at IS NULL""")
                .param(Timestamp.from(clock.instant())).param(familyId).update();
    }

    /** Revokes every chain of a user: all their sessions ended. */
    void revokeAllOf(long userId) {
        jdbc.sql("""
                        UPDATE refresh_token SET revoked_at = ?, successor_sealed = NULL, successor_until = NULL
                        WHERE user_id = ? AND revoked_at IS NULL""")
                .param(Timestamp.from(clock.instant())).param(userId).update();
    }

    /** Deletes every token of a user, for an account deletion. */
    void deleteAllOf(long userId) {
        jdbc.sql("DELETE FROM refresh_token WHERE user_id = ?").param(userId).update();
    }

    /**
     * Deletes tokens that expired before {@code cutoff}: used, revoked or not, they can no longer
     * refresh anything, and a reused expired token is refused as invalid anyway.
     */
    long deleteExpiredBefore(Instant cutoff) {
        return batchedDelete.deleteBefore("refresh_token", "expires_at", cutoff).deleted();
    }

    /**
     * Erases the sealed successors whose grace window ended before {@code now}: past the window
     * nobody may read them, so they should not wait in the table (or its backups) until the row expires.
     */
    int eraseSuccessorsPastGrace(Instant now) {
        return jdbc.sql("UPDATE refresh_token SET successor_sealed = NULL, successor_until = NULL WHERE successor_until <= ?")
                .param(Timestamp.from(now)).update();
    }

    /** The stored form of a token value. */
    static String hash(String value) {
        return Sha256.hex(value);
    }

    private static boolean wellFormed(String value) {
        return value != null && TOKEN_SHAPE.matcher(value).matches();
    }

    private Presented presented(Stored stored, String value, Instant now) {
        if (stored.revoked()) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID, "This refresh token was revoked; log in again.");
        }
        if (stored.used()) {
            if (stored.successorSealed() != null && now.isBefore(stored.successorUntil())) {
                Optional<Successor> successor = sealing.open(value, stored.id(), stored.successorSealed());
                if (successor.isPresent()) {
                    return new Presented(stored.id(), stored.familyId(), stored.userId(), successor.get(), false);
                }
            }
            return new Presented(stored.id(), stored.familyId(), stored.userId(), null, true);
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID, "This refresh token has expired; log in again.");
        }
        return new Presented(stored.id(), stored.familyId(), stored.userId(), null, false);
    }

    private Optional<Stored> load(String tokenHash) {
        return jdbc.sql("""
                        SELECT id, family_id, user_id, expires_at, used_at, revoked_at, successor_sealed, successor_until
                        FROM refresh_token WHERE token_hash = ?""")
                .param(tokenHash)
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp("successor_until");
                    return new Stored(rs.getString("id"), rs.getString("family_id"), rs.getLong("user_id"),
                            rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                            rs.getTimestamp("revoked_at") != null, rs.getString("successor_sealed"),
                            until == null ? null : until.toInstant());
                })
                .optional();
    }

    private RefreshToken newToken(String familyId, Instant now) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return new RefreshToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), familyId, now.plus(ttl));
    }

    private void insert(String id, RefreshToken token, long userId, Instant now) {
        jdbc.sql("""
                        INSERT INTO refresh_token (id, family_id, user_id, token_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .param(id).param(token.familyId()).param(userId).param(hash(token.value()))
                .param(Timestamp.from(now)).param(Timestamp.from(token.expiresAt()))
                .update();
    }
}
