package dev.wxlogin.server.token;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

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
 */
public class RefreshTokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenStore.class);
    private static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * A stored token that may be used: known, unused, unrevoked and unexpired.
     *
     * @param id       its row
     * @param familyId its family
     * @param userId   whose it is
     */
    public record Usable(String id, String familyId, long userId) {
    }

    private record Stored(Usable token, Instant expiresAt, boolean used, boolean revoked) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    RefreshTokenStore(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Duration ttl) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Starts a new family for a login. */
    public RefreshToken issue(long userId) {
        return insert(UUID.randomUUID().toString(), userId, clock.instant());
    }

    /**
     * The token with this value, if it may be used.
     *
     * @throws ApiException {@link ApiError#REFRESH_TOKEN_INVALID} when unknown, expired or revoked;
     *                      {@link ApiError#REFRESH_TOKEN_REUSED} when already used, after revoking its family
     */
    public Usable find(String value) {
        if (value == null || !TOKEN_SHAPE.matcher(value).matches()) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID);
        }
        Instant now = clock.instant();
        Stored stored = jdbc.sql("SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_token WHERE token_hash = ?")
                .param(hash(value))
                .query((rs, n) -> new Stored(new Usable(rs.getString("id"), rs.getString("family_id"), rs.getLong("user_id")),
                        rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                        rs.getTimestamp("revoked_at") != null))
                .optional()
                .orElseThrow(() -> new ApiException(ApiError.REFRESH_TOKEN_INVALID));
        Usable token = stored.token();
        if (stored.revoked()) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID, "This refresh token was revoked; log in again.");
        }
        if (stored.used()) {
            throw reused(token.familyId(), now);
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new ApiException(ApiError.REFRESH_TOKEN_INVALID, "This refresh token has expired; log in again.");
        }
        return token;
    }

    /**
     * Uses {@code token} up and issues its successor, atomically.
     *
     * @throws ApiException {@link ApiError#REFRESH_TOKEN_REUSED} when another request used it first
     */
    public RefreshToken rotate(Usable token) {
        Instant now = clock.instant();
        String nextId = UUID.randomUUID().toString();
        RefreshToken next = transactions.execute(status -> {
            int marked = jdbc.sql("""
                            UPDATE refresh_token SET used_at = ?, rotated_to = ?
                            WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL""")
                    .param(Timestamp.from(now)).param(nextId).param(token.id())
                    .update();
            return marked == 1 ? insert(nextId, token.familyId(), token.userId(), now) : null;
        });
        if (next == null) {
            // Lost the race to a concurrent use of the same token (or a logout): the token was in two hands.
            throw reused(token.familyId(), now);
        }
        return next;
    }

    /** Revokes the family of the token with this value, if there is one; says whether there was. */
    public boolean revokeFamilyOf(String value) {
        if (value == null || !TOKEN_SHAPE.matcher(value).matches()) {
            return false;
        }
        Optional<String> family = jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = ?")
                .param(hash(value)).query(String.class).optional();
        family.ifPresent(id -> revokeFamily(id, clock.instant()));
        return family.isPresent();
    }

    /** Revokes every family of a user: logout everywhere. Returns the number of tokens revoked. */
    public int revokeAllOf(long userId) {
        return jdbc.sql("UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
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

    /** The stored form of a token value. */
    static String hash(String value) {
        return Sha256.hex(value);
    }

    private ApiException reused(String familyId, Instant now) {
        int revoked = revokeFamily(familyId, now);
        LOG.warn("Refresh token reused: family {} revoked ({} token(s))", familyId, revoked);
        return new ApiException(ApiError.REFRESH_TOKEN_REUSED);
    }

    private int revokeFamily(String familyId, Instant now) {
        return jdbc.sql("UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .param(Timestamp.from(now)).param(familyId).update();
    }

    private RefreshToken insert(String familyId, long userId, Instant now) {
        return insert(UUID.randomUUID().toString(), familyId, userId, now);
    }

    private RefreshToken insert(String id, String familyId, long userId, Instant now) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(ttl);
        jdbc.sql("""
                        INSERT INTO refresh_token (id, family_id, user_id, token_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .param(id).param(familyId).param(userId).param(hash(value))
                .param(Timestamp.from(now)).param(Timestamp.from(expiresAt))
                .update();
        return new RefreshToken(value, familyId, expiresAt);
    }
}
