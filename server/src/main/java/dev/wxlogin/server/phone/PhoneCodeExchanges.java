package dev.wxlogin.server.phone;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import dev.wxlogin.server.crypto.Sha256;
import dev.wxlogin.server.user.AccountErasure;

/**
 * The outcome of every phone code sent to WeChat, keyed by (appid, SHA-256 of the code). A row is
 * claimed by an INSERT before the call: the primary key lets exactly one request per code win,
 * across threads and instances, so WeChat sees each code once. Only the masked number is kept here.
 */
@Repository
class PhoneCodeExchanges implements AccountErasure {

    /** Where an exchange stands. */
    enum State { PENDING, DONE, FAILED }

    /**
     * One exchange as stored.
     *
     * @param userId       the user who claimed the code
     * @param state        where it stands
     * @param maskedNumber the number bound, masked, when DONE
     * @param countryCode  its country code, when DONE
     * @param errorCode    our error code, when FAILED
     * @param createdAt    when it was claimed
     * @param completedAt  when it ended
     */
    record Exchange(long userId, State state, String maskedNumber, String countryCode, String errorCode, Instant createdAt,
                    Instant completedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PhoneCodeExchanges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Deletes the user's exchanges (their masked numbers), for an account deletion. */
    @Override
    public void erase(long userId) {
        jdbc.sql("DELETE FROM phone_code_exchange WHERE user_id = ?").param(userId).update();
    }

    /** @return whether this caller claimed the code; {@code false} when another request already had */
    boolean claim(String appid, String code, long userId, Instant now) {
        try {
            jdbc.sql("INSERT INTO phone_code_exchange (appid, code_hash, user_id, state, created_at) VALUES (?, ?, ?, ?, ?)")
                    .param(appid).param(hash(code)).param(userId).param(State.PENDING.name()).param(Timestamp.from(now))
                    .update();
            return true;
        } catch (DuplicateKeyException claimedBefore) {
            return false;
        }
    }

    void succeeded(String appid, String code, String maskedNumber, String countryCode, Instant now) {
        jdbc.sql("UPDATE phone_code_exchange SET state = ?, masked_number = ?, country_code = ?, completed_at = ? "
                        + "WHERE appid = ? AND code_hash = ?")
                .param(State.DONE.name()).param(maskedNumber).param(countryCode).param(Timestamp.from(now))
                .param(appid).param(hash(code))
                .update();
    }

    /** Forgets a claim whose code never reached WeChat, so that the code can be sent again. */
    void release(String appid, String code) {
        jdbc.sql("DELETE FROM phone_code_exchange WHERE appid = ? AND code_hash = ? AND state = ?")
                .param(appid).param(hash(code)).param(State.PENDING.name()).update();
    }

    void failed(String appid, String code, String errorCode, Instant now) {
        jdbc.sql("UPDATE phone_code_exchange SET state = ?, error_code = ?, completed_at = ? WHERE appid = ? AND code_hash = ?")
                .param(State.FAILED.name()).param(errorCode).param(Timestamp.from(now)).param(appid).param(hash(code))
                .update();
    }

    /**
     * Ends an exchange that is still PENDING though it was claimed before {@code claimedBefore}: its
     * request crashed or was cut off after the claim. It becomes FAILED with {@code errorCode}, so a
     * retry with that code gets a final answer (the code is never sent to WeChat again: it may be
     * spent) and the user binds with a new code. Only a row still PENDING changes, so of several
     * instances doing this at once one does.
     *
     * @return whether this call released it
     */
    boolean releaseAbandoned(String appid, String code, Instant claimedBefore, String errorCode, Instant now) {
        return jdbc.sql("UPDATE phone_code_exchange SET state = ?, error_code = ?, completed_at = ? "
                        + "WHERE appid = ? AND code_hash = ? AND state = ? AND created_at < ?")
                .param(State.FAILED.name()).param(errorCode).param(Timestamp.from(now))
                .param(appid).param(hash(code)).param(State.PENDING.name()).param(Timestamp.from(claimedBefore))
                .update() == 1;
    }

    Optional<Exchange> find(String appid, String code) {
        return jdbc.sql("SELECT user_id, state, masked_number, country_code, error_code, created_at, completed_at FROM phone_code_exchange "
                        + "WHERE appid = ? AND code_hash = ?")
                .param(appid).param(hash(code))
                .query((rs, row) -> {
                    Timestamp completedAt = rs.getTimestamp("completed_at");
                    return new Exchange(rs.getLong("user_id"), State.valueOf(rs.getString("state")), rs.getString("masked_number"),
                            rs.getString("country_code"), rs.getString("error_code"), rs.getTimestamp("created_at").toInstant(),
                            completedAt == null ? null : completedAt.toInstant());
                })
                .optional();
    }

    /** Codes are single-use secrets of a sort: only their hash is stored. */
    private static String hash(String code) {
        return Sha256.hex(code);
    }

    /**
     * Deletes exchanges older than a day: a phone code lives 5 minutes, so no retry can need them.
     * Every instance may run it; the DELETE is idempotent.
     */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purgeOld() {
        deleteCreatedBefore(clock.instant().minus(Duration.ofDays(1)));
    }

    int deleteCreatedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM phone_code_exchange WHERE created_at < ?").param(Timestamp.from(cutoff)).update();
    }
}
