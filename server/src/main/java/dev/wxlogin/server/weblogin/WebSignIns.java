package dev.wxlogin.server.weblogin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The browsers' sign-ins in the database (table {@code web_sign_in}), so that every instance knows
 * them: keyed by the SHA-256 of the browser's cookie token, never the token itself.
 */
public class WebSignIns {

    /**
     * One sign-in.
     *
     * @param id         its name for the provider, not secret (the ID token's {@code sid} is a hash of it)
     * @param userId     who signed in
     * @param signedInAt when the scan was completed
     * @param expiresAt  when it ends
     */
    record SignIn(String id, long userId, Instant signedInAt, Instant expiresAt) {
    }

    private static final String COLUMNS = "s.id, s.user_id, s.signed_in_at, s.expires_at";

    private final JdbcClient jdbc;

    WebSignIns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SignIn signIn, String tokenHash) {
        jdbc.sql("INSERT INTO web_sign_in (id, token_hash, user_id, signed_in_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(signIn.id(), tokenHash, signIn.userId(), Timestamp.from(signIn.signedInAt()), Timestamp.from(signIn.expiresAt()))
                .update();
    }

    /**
     * The sign-in of this cookie token's hash while it lasts and its user exists and is not disabled:
     * one read by two primary or unique keys, on every request that needs to know who is signed in.
     */
    Optional<SignIn> findActive(String tokenHash, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM web_sign_in s JOIN wx_user u ON u.id = s.user_id"
                        + " WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = ?")
                .params(tokenHash, Timestamp.from(now), false)
                .query((rs, row) -> map(rs))
                .optional();
    }

    /** The user's sign-ins that have not expired, on any browser, newest first (what the provider calls sessions). */
    List<SignIn> activeOf(long userId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM web_sign_in s WHERE s.user_id = ? AND s.expires_at > ? ORDER BY s.signed_in_at DESC")
                .params(userId, Timestamp.from(now))
                .query((rs, row) -> map(rs))
                .list();
    }

    Optional<SignIn> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM web_sign_in s WHERE s.id = ?").param(id).query((rs, row) -> map(rs)).optional();
    }

    /** Ends the sign-in of this cookie token's hash. */
    void delete(String tokenHash) {
        jdbc.sql("DELETE FROM web_sign_in WHERE token_hash = ?").param(tokenHash).update();
    }

    /** Ends the sign-in named {@code id}. */
    void deleteById(String id) {
        jdbc.sql("DELETE FROM web_sign_in WHERE id = ?").param(id).update();
    }

    /**
     * Ends every sign-in of the user, on every browser (the account is being deleted).
     *
     * @return how many there were
     */
    public int deleteAllOf(long userId) {
        return jdbc.sql("DELETE FROM web_sign_in WHERE user_id = ?").param(userId).update();
    }

    /** Drops the sign-ins that ended before {@code before}. */
    int purgeExpired(Instant before) {
        return jdbc.sql("DELETE FROM web_sign_in WHERE expires_at < ?").param(Timestamp.from(before)).update();
    }

    private static SignIn map(ResultSet rs) throws SQLException {
        return new SignIn(rs.getString("id"), rs.getLong("user_id"), rs.getTimestamp("signed_in_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
