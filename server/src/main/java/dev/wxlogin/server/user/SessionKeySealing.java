package dev.wxlogin.server.user;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.wxlogin.server.crypto.AtRestEncryption;

/**
 * Brings every stored WeChat session_key under the current key-encryption secret, at start-up and
 * before the service takes requests: values stored as they are (before a secret was configured, or
 * by an older version) are sealed, and values that only the previous secret opens are sealed again.
 *
 * <p>Safe with several instances starting together and idempotent: each row is replaced only while
 * it still holds what was read (a login in between wins), and sealed rows leave the plain set.
 */
@Component
class SessionKeySealing implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeySealing.class);
    private static final int BATCH = 500;

    /**
     * What the pass did.
     *
     * @param sealed     plain values now sealed
     * @param resealed   values moved from the previous secret to the current one
     * @param unreadable sealed values neither secret opens (their users must log in again)
     */
    record Outcome(int sealed, int resealed, int unreadable) {
    }

    private record Row(long id, String value) {
    }

    private final JdbcClient jdbc;
    private final AtRestEncryption encryption;

    SessionKeySealing(JdbcClient jdbc, AtRestEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Outcome outcome = sealAll();
        if (outcome.sealed() + outcome.resealed() + outcome.unreadable() > 0) {
            LOG.info("WeChat session keys: {} sealed, {} re-sealed under the current secret, {} unreadable", outcome.sealed(),
                    outcome.resealed(), outcome.unreadable());
        }
    }

    /** One pass over the table; see the class comment. Does nothing without a secret. */
    Outcome sealAll() {
        if (!encryption.enabled()) {
            return new Outcome(0, 0, 0);
        }
        int sealed = 0;
        int resealed = 0;
        int unreadable = 0;
        for (List<Row> batch = plainAfter(Long.MIN_VALUE); !batch.isEmpty(); batch = plainAfter(batch.get(batch.size() - 1).id())) {
            for (Row row : batch) {
                sealed += jdbc.sql("UPDATE wx_user SET session_key_sealed = ?, session_key = NULL WHERE id = ? AND session_key = ?")
                        .param(encryption.seal(UserStore.sealingContext(row.id()), row.value())).param(row.id()).param(row.value())
                        .update();
            }
        }
        // Every sealed value is opened only while a previous secret is configured: a rotation.
        if (encryption.rotating()) {
            for (List<Row> batch = sealedAfter(Long.MIN_VALUE); !batch.isEmpty(); batch = sealedAfter(batch.get(batch.size() - 1).id())) {
                for (Row row : batch) {
                    var opened = encryption.open(UserStore.sealingContext(row.id()), row.value());
                    if (opened.isEmpty()) {
                        unreadable++;
                    } else if (opened.get().sealedWithPrevious()) {
                        resealed += jdbc.sql("UPDATE wx_user SET session_key_sealed = ? WHERE id = ? AND session_key_sealed = ?")
                                .param(encryption.seal(UserStore.sealingContext(row.id()), opened.get().plaintext()))
                                .param(row.id()).param(row.value())
                                .update();
                    }
                }
            }
            LOG.info("Every WeChat session key that the previous secret sealed is now sealed under WXLOGIN_KEY_ENCRYPTION_SECRET");
        }
        return new Outcome(sealed, resealed, unreadable);
    }

    private List<Row> plainAfter(long id) {
        return jdbc.sql("SELECT id, session_key FROM wx_user WHERE session_key IS NOT NULL AND id > ? ORDER BY id LIMIT " + BATCH)
                .param(id).query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
    }

    private List<Row> sealedAfter(long id) {
        return jdbc.sql("SELECT id, session_key_sealed FROM wx_user WHERE session_key_sealed IS NOT NULL AND id > ? ORDER BY id LIMIT "
                        + BATCH)
                .param(id).query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
    }
}
