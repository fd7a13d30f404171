package dev.wxlogin.server.link;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.wxlogin.server.user.AccountErasure;

/**
 * The {@code account_link} table: pairs of users one person linked across platforms, each pair stored
 * once with the smaller id first. A link is written by one conditional INSERT that re-checks, in the same
 * statement, what made it possible (both users enabled, both holding the same number, the confirmer's
 * proof recent), so no change between the check and the write can slip through.
 */
@Repository
public class AccountLinks implements AccountErasure {

    /**
     * One stored link.
     *
     * @param userLow     the smaller user id of the pair
     * @param userHigh    the larger
     * @param confirmedBy the user who confirmed it (the one who proved the number second)
     * @param createdAt   when it was confirmed
     */
    public record Link(long userLow, long userHigh, long confirmedBy, Instant createdAt) {

        /** The user of the pair who is not {@code userId}. */
        public long other(long userId) {
            return userId == userLow ? userHigh : userLow;
        }
    }

    /**
     * What a link needs to hold at the moment it is written.
     *
     * @param confirmer       the user confirming (who proved the number last)
     * @param other           the user on the other platform
     * @param purePhoneNumber the number both must hold now
     * @param countryCode     its country code
     * @param provedSince     the confirmer must have proved the number at or after this instant
     * @param phoneHash       SHA-256 hex of the number, kept as evidence
     * @param now             when it is confirmed
     */
    record Conditions(long confirmer, long other, String purePhoneNumber, String countryCode, Instant provedSince, String phoneHash,
                      Instant now) {
    }

    /** What an attempt to write a link did. */
    enum Outcome { CREATED, ALREADY_LINKED, CONDITIONS_NOT_MET }

    private final JdbcClient jdbc;

    AccountLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the link when the conditions hold now; a pair already linked stays as it was. */
    Outcome link(Conditions c) {
        long low = Math.min(c.confirmer(), c.other());
        long high = Math.max(c.confirmer(), c.other());
        try {
            int written = jdbc.sql("INSERT INTO account_link (user_low, user_high, phone_hash, confirmed_by, created_at) "
                            + "SELECT ?, ?, ?, ?, ? FROM wx_user a, wx_user b "
                            + "WHERE a.id = ? AND b.id = ? AND a.disabled = ? AND b.disabled = ? "
                            + "AND a.pure_phone_number = ? AND a.country_code = ? AND b.pure_phone_number = ? AND b.country_code = ? "
                            + "AND a.phone_verified_at >= ?")
                    .param(low).param(high).param(c.phoneHash()).param(c.confirmer()).param(Timestamp.from(c.now()))
                    .param(c.confirmer()).param(c.other()).param(false).param(false)
                    .param(c.purePhoneNumber()).param(c.countryCode()).param(c.purePhoneNumber()).param(c.countryCode())
                    .param(Timestamp.from(c.provedSince()))
                    .update();
            return written == 1 ? Outcome.CREATED : Outcome.CONDITIONS_NOT_MET;
        } catch (DuplicateKeyException linkedBefore) {
            return Outcome.ALREADY_LINKED;
        }
    }

    /** The links of this user, oldest first. */
    public List<Link> of(long userId) {
        return jdbc.sql("SELECT user_low, user_high, confirmed_by, created_at FROM account_link WHERE user_low = ? OR user_high = ? "
                        + "ORDER BY created_at, user_low, user_high")
                .param(userId).param(userId)
                .query((rs, row) -> new Link(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** The link between these two users, if they are linked. */
    Optional<Link> between(long a, long b) {
        return jdbc.sql("SELECT user_low, user_high, confirmed_by, created_at FROM account_link WHERE user_low = ? AND user_high = ?")
                .param(Math.min(a, b)).param(Math.max(a, b))
                .query((rs, row) -> new Link(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant()))
                .optional();
    }

    /** @return whether the two were linked */
    boolean unlink(long a, long b) {
        return jdbc.sql("DELETE FROM account_link WHERE user_low = ? AND user_high = ?")
                .param(Math.min(a, b)).param(Math.max(a, b)).update() == 1;
    }

    /** Deletes the user's links, on either side, for an account deletion. */
    @Override
    public void erase(long userId) {
        jdbc.sql("DELETE FROM account_link WHERE user_low = ? OR user_high = ?").param(userId).param(userId).update();
    }
}
