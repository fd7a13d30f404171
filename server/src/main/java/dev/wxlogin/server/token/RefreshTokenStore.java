package dev.wxlogin.server.token;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.config.RowIds;
import dev.wxlogin.server.crypto.Sha256;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * Refresh tokens in the {@code refresh_token} table, stored only as SHA-256 hashes.
 *
 * <p>Each token is single-use: {@link #rotate} marks it used with a conditional UPDATE (so that of
 * two concurrent uses exactly one wins) and issues its successor in the same family. A token
 * presented again after it was used means two parties hold it; the whole family is revoked, so the
 * thief and the user alike must log in again.
 *
 * <p>Except within the <em>reuse grace window</em>: real clients send one token several times at
 * once (an app waking with three requests in flight). For {@code grace} after a rotation, the used
 * row keeps the successor it answered, sealed under a key derived from the presented token
 * ({@link SuccessorSealing}), and a repeated presentation answers that same successor. A concurrent
 * loser's UPDATE waits on the winner's row lock, finds the row used, and reads the winner's
 * committed successor. Revoked rows never answer from the window.
 */
public class RefreshTokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenStore.class);
    private static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * A stored token that was presented and may be answered: either usable (known, unused,
     * unrevoked, unexpired) or used within the grace window, with the successor it answered then.
     *
     * @param id       its row
     * @param familyId its family
     * @param userId   whose it is
     * @param replay   the successor of its rotation within the grace window, or {@code null} when the token is unused
     */
    public record Presented(String id, String familyId, long userId, Successor replay) {

        /** Whether this token was already rotated and its earlier answer is to be given again. */
        public boolean isReplay() {
            return replay != null;
        }
    }

    private record Stored(String id, String familyId, long userId, Instant expiresAt, boolean used, boolean revoked,
                          String successorSealed, Instant successorUntil) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration ttl;
    private final Duration grace;
    private final SuccessorSealing sealing = new SuccessorSealing();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param ttl   how long a refresh token lives
     * @param grace how long after its rotation a token answers its successor again; zero turns that off
     */
    RefreshTokenStore(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Duration ttl, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("wxlogin.token.refresh-reuse-grace must not be negative: " + grace);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.ttl = ttl;
        this.grace = grace;
    }

    /** Starts a new family for a login. */
    public RefreshToken issue(long userId) {
        Instant now = clock.instant();
        RefreshToken token = newToken(RowIds.next(), now);
        insert(RowIds.next(), token, userId, now);
        return token;
    }

    /**
     * The token with this value, if it may be answered.
     *
     * @throws ApiException {@link ApiError#REFRESH_TOKEN_INVALID} when unknown, expired or revoked;
     *                      {@link ApiError#REFRESH_TOKEN_REUSED} when already used outside the grace window,
     *                      after revoking its family
     */
    public Presented find(String value) {
        if (value == null || !TOKEN_SHAPE.matcher(value).matches()) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID);
        }
        Stored stored = load("token_hash", hash(value)).orElseThrow(() -> new ApiException(ApiError.REFRESH_TOKEN_INVALID));
        return presented(stored, value, clock.instant());
    }

    /**
     * Uses {@code token} up and issues its successor, atomically: {@code accessToken} and a new
     * refresh token. When a concurrent presentation of the same token rotated it first, answers
     * that rotation's successor instead, if the grace window allows.
     *
     * @param value       the presented token's value, which the successor is sealed under
     * @param accessToken the access token to answer with the new refresh token
     * @throws ApiException {@link ApiError#REFRESH_TOKEN_REUSED} when another request used it first and no
     *                      grace answer is possible; {@link ApiError#REFRESH_TOKEN_INVALID} when it was revoked meanwhile
     */
    public Successor rotate(Presented token, String value, AccessToken accessToken) {
        if (token.isReplay()) {
            return token.replay();
        }
        Instant now = clock.instant();
        String nextId = RowIds.next();
        Successor successor = new Successor(accessToken, newToken(token.familyId(), now));
        boolean keep = !grace.isZero();
        String sealed = keep ? sealing.seal(value, token.id(), successor) : null;
        Timestamp until = keep ? Timestamp.from(now.plus(grace)) : null;
        Boolean won = transactions.execute(status -> {
            // Blocks while a concurrent rotation of this row is uncommitted, then sees its result.
            int marked = jdbc.sql("""
                            UPDATE refresh_token SET used_at = ?, rotated_to = ?, successor_sealed = ?, successor_until = ?
                            WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL""")
                    .param(Timestamp.from(now)).param(nextId).param(sealed).param(until).param(token.id())
                    .update();
            if (marked == 1) {
                insert(nextId, successor.refreshToken(), token.userId(), now);
            }
            return marked == 1;
        });
        if (Boolean.TRUE.equals(won)) {
            return successor;
        }
        // Lost the race to a concurrent use of the same token, or to a logout: the winner has committed
        // by now, so a fresh read shows what it left.
        Stored stored = load("id", token.id()).orElseThrow(() -> new ApiException(ApiError.REFRESH_TOKEN_INVALID));
        Presented again = presented(stored, value, clock.instant());
        if (!again.isReplay()) {
            throw reused(token.familyId(), now);
        }
        return again.replay();
    }

    /** Revokes the family of the token with this value, if there is one; says whether there was. */
    public boolean revokeFamilyOf(String value) {
        Optional<String> family = familyOf(value);
        family.ifPresent(this::revokeFamily);
        return family.isPresent();
    }

    /** The family of the token with this value, used, revoked or not, if it is known. */
    public Optional<String> familyOf(String value) {
        if (value == null || !TOKEN_SHAPE.matcher(value).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = ?")
                .param(hash(value)).query(String.class).optional();
    }

    /** Revokes a whole family (one login session); returns the number of tokens revoked. */
    public int revokeFamily(String familyId) {
        return revokeFamily(familyId, clock.instant());
    }

    /** Deletes every token of a user, for an account deletion. */
    public int deleteAllOf(long userId) {
        return jdbc.sql("DELETE FROM refresh_token WHERE user_id = ?").param(userId).update();
    }

    /** Revokes every family of a user: logout everywhere. Returns the number of tokens revoked. */
    public int revokeAllOf(long userId) {
        return jdbc.sql("""
                        UPDATE refresh_token SET revoked_at = ?, successor_sealed = NULL, successor_until = NULL
                        WHERE user_id = ? AND revoked_at IS NULL""")
                .param(Timestamp.from(clock.instant())).param(userId).update();
    }

    /**
     * Deletes tokens that expired before {@code cutoff}: used, revoked or not, they can no longer
     * refresh anything, and a reused expired token is refused as invalid anyway. Every instance
     * may run it; the DELETE is idempotent.
     *
     * @return the number of rows deleted
     */
    public int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM refresh_token WHERE expires_at < ?").param(Timestamp.from(cutoff)).update();
    }

    /** Hourly, so the table holds the live tokens and a day of expired ones, not every refresh ever made. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purgeExpired() {
        int deleted = deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            LOG.info("Deleted {} refresh token(s) expired over a day ago", deleted);
        }
    }

    /**
     * Erases the sealed successors whose grace window ended before {@code now}: past the window
     * nobody may read them, so they should not wait in the table (or its backups) until the row
     * expires. Every instance may run it; the UPDATE is idempotent.
     *
     * @return the number of rows erased
     */
    public int eraseSuccessorsPastGrace(Instant now) {
        return jdbc.sql("UPDATE refresh_token SET successor_sealed = NULL, successor_until = NULL WHERE successor_until <= ?")
                .param(Timestamp.from(now)).update();
    }

    /** Twice a default window, so a sealed successor outlives its window by a minute at most. */
    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
    void erasePastGrace() {
        eraseSuccessorsPastGrace(clock.instant());
    }

    /** The stored form of a token value. */
    static String hash(String value) {
        return Sha256.hex(value);
    }

    private Presented presented(Stored stored, String value, Instant now) {
        if (stored.revoked()) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID, "This refresh token was revoked; log in again.");
        }
        if (stored.used()) {
            if (stored.successorSealed() != null && now.isBefore(stored.successorUntil())) {
                Optional<Successor> successor = sealing.open(value, stored.id(), stored.successorSealed());
                if (successor.isPresent()) {
                    LOG.debug("refresh token presented again within the grace window: family {}", stored.familyId());
                    return new Presented(stored.id(), stored.familyId(), stored.userId(), successor.get());
                }
            }
            throw reused(stored.familyId(), now);
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID, "This refresh token has expired; log in again.");
        }
        return new Presented(stored.id(), stored.familyId(), stored.userId(), null);
    }

    private Optional<Stored> load(String column, String key) {
        return jdbc.sql("""
                        SELECT id, family_id, user_id, expires_at, used_at, revoked_at, successor_sealed, successor_until
                        FROM refresh_token WHERE %s = ?""".formatted(column))
                .param(key)
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp("successor_until");
                    return new Stored(rs.getString("id"), rs.getString("family_id"), rs.getLong("user_id"),
                            rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                            rs.getTimestamp("revoked_at") != null, rs.getString("successor_sealed"),
                            until == null ? null : until.toInstant());
                })
                .optional();
    }

    private ApiException reused(String familyId, Instant now) {
        int revoked = revokeFamily(familyId, now);
        LOG.warn("Refresh token reused: family {} revoked ({} token(s))", familyId, revoked);
        return new ApiException(ApiError.REFRESH_TOKEN_REUSED);
    }

    private int revokeFamily(String familyId, Instant now) {
        return jdbc.sql("""
                        UPDATE refresh_token SET revoked_at = ?, successor_sealed = NULL, successor_until = NULL
                        WHERE family_id = ? AND revoked_at IS NULL""")
                .param(Timestamp.from(now)).param(familyId).update();
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
