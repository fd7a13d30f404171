package dev.wxlogin.server.weblogin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.user.UserStore;

/**
 * The browsers' sign-ins in the database (table {@code web_sign_in}), so that every instance knows
 * them: keyed by the SHA-256 of the browser's cookie token, never the token itself. Each sign-in
 * carries the websites and scopes approved on the phone for it ({@code web_sign_in_approval}): the
 * only ones its browser may sign in to without another scan.
 */
public class WebSignIns {

    /**
     * One sign-in.
     *
     * @param id         its name for the provider, not secret (the ID token's {@code sid} is a hash of it)
     * @param userId     who signed in
     * @param signedInAt when the scan was completed
     * @param expiresAt  when it ends
     * @param origin     the browser's address and user agent when it signed in
     * @param lastUsedAt when it last signed the browser in to a website ({@code signedInAt} until then)
     */
    public record SignIn(String id, long userId, Instant signedInAt, Instant expiresAt, RequestOrigin origin, Instant lastUsedAt) {
    }

    private static final String COLUMNS = "s.id, s.user_id, s.signed_in_at, s.expires_at, s.client_address, s.user_agent, s.last_used_at";

    private final JdbcClient jdbc;
    private final UserStore users;

    WebSignIns(JdbcClient jdbc, UserStore users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    void insert(SignIn signIn, String tokenHash) {
        jdbc.sql("""
                INSERT INTO web_sign_in (id, token_hash, user_id, signed_in_at, expires_at, client_address, user_agent, last_used_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(signIn.id(), tokenHash, signIn.userId(), Timestamp.from(signIn.signedInAt()), Timestamp.from(signIn.expiresAt()),
                        signIn.origin().clientAddress(), signIn.origin().userAgent(), Timestamp.from(signIn.lastUsedAt()))
                .update();
    }

    /**
     * The sign-in of this cookie token's hash while it lasts and its user exists and is not disabled:
     * two reads by a unique and a primary key, on every request that needs to know who is signed in.
     */
    Optional<SignIn> findActive(String tokenHash, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM web_sign_in s WHERE s.token_hash = ? AND s.expires_at > ?")
                .params(tokenHash, Timestamp.from(now))
                .query((rs, row) -> map(rs))
                .optional()
                .filter(signIn -> users.disabled(signIn.userId()).filter(disabled -> !disabled).isPresent());
    }

    /** The user's sign-ins that have not expired, on any browser, newest first (what the provider calls sessions). */
    public List<SignIn> activeOf(long userId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM web_sign_in s WHERE s.user_id = ? AND s.expires_at > ? ORDER BY s.signed_in_at DESC")
                .params(userId, Timestamp.from(now))
                .query((rs, row) -> map(rs))
                .list();
    }

    Optional<SignIn> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM web_sign_in s WHERE s.id = ?").param(id).query((rs, row) -> map(rs)).optional();
    }

    /** Records that the sign-in just signed its browser in to a website. */
    void touch(String id, Instant now) {
        jdbc.sql("UPDATE web_sign_in SET last_used_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
    }

    /** Adds {@code scopes} of {@code clientId} to what the sign-in may sign in to without a scan. */
    void approve(String signInId, String clientId, Set<String> scopes) {
        Set<String> all = new LinkedHashSet<>(approvals(signInId).getOrDefault(clientId, Set.of()));
        all.addAll(scopes);
        String joined = String.join(" ", all);
        if (jdbc.sql("UPDATE web_sign_in_approval SET scopes = ? WHERE sign_in_id = ? AND client_id = ?")
                .params(joined, signInId, clientId).update() == 0) {
            jdbc.sql("INSERT INTO web_sign_in_approval (sign_in_id, client_id, scopes) VALUES (?, ?, ?)")
                    .params(signInId, clientId, joined).update();
        }
    }

    /** The websites (client_id) approved on the phone for the sign-in, with their scopes. */
    Map<String, Set<String>> approvals(String signInId) {
        Map<String, Set<String>> approvals = new LinkedHashMap<>();
        jdbc.sql("SELECT client_id, scopes FROM web_sign_in_approval WHERE sign_in_id = ?").param(signInId)
                .query((rs, row) -> approvals.put(rs.getString("client_id"),
                        new LinkedHashSet<>(Arrays.stream(rs.getString("scopes").split(" ")).filter(s -> !s.isEmpty()).toList())))
                .list();
        return approvals;
    }

    /** Takes the website's approvals away from every sign-in of the user (the user disconnected it). */
    public void withdrawApprovals(long userId, String clientId) {
        jdbc.sql("DELETE FROM web_sign_in_approval WHERE client_id = ? AND sign_in_id IN (SELECT id FROM web_sign_in WHERE user_id = ?)")
                .params(clientId, userId).update();
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
     * Ends the user's sign-in named {@code id}.
     *
     * @return whether the user had it
     */
    public boolean deleteOf(long userId, String id) {
        return jdbc.sql("DELETE FROM web_sign_in WHERE id = ? AND user_id = ?").params(id, userId).update() == 1;
    }

    /**
     * Ends every sign-in of the user, on every browser (log out everywhere, or the account is being deleted).
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
        Instant signedInAt = rs.getTimestamp("signed_in_at").toInstant();
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new SignIn(rs.getString("id"), rs.getLong("user_id"), signedInAt, rs.getTimestamp("expires_at").toInstant(),
                new RequestOrigin(rs.getString("client_address"), rs.getString("user_agent")),
                lastUsed == null ? signedInAt : lastUsed.toInstant());
    }
}
