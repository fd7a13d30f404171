package dev.wxlogin.server.user;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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

    private final UserStore users;
    private final AtRestEncryption encryption;

    SessionKeySealing(UserStore users, AtRestEncryption encryption) {
        this.users = users;
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
        for (List<UserStore.StoredSessionKey> batch = plainAfter(Long.MIN_VALUE); !batch.isEmpty(); batch = plainAfter(batch.get(batch.size() - 1).id())) {
            for (UserStore.StoredSessionKey row : batch) {
                sealed += users.sealSessionKey(row.id(), row.value(), encryption.seal(UserStore.sealingContext(row.id()), row.value()));
            }
        }
        // Every sealed value is opened only while a previous secret is configured: a rotation.
        if (encryption.rotating()) {
            for (List<UserStore.StoredSessionKey> batch = sealedAfter(Long.MIN_VALUE); !batch.isEmpty(); batch = sealedAfter(batch.get(batch.size() - 1).id())) {
                for (UserStore.StoredSessionKey row : batch) {
                    var opened = encryption.open(UserStore.sealingContext(row.id()), row.value());
                    if (opened.isEmpty()) {
                        unreadable++;
                    } else if (opened.get().sealedWithPrevious()) {
                        resealed += users.resealSessionKey(row.id(), row.value(),
                                encryption.seal(UserStore.sealingContext(row.id()), opened.get().plaintext()));
                    }
                }
            }
            LOG.info("Every WeChat session key that the previous secret sealed is now sealed under WXLOGIN_KEY_ENCRYPTION_SECRET");
        }
        return new Outcome(sealed, resealed, unreadable);
    }

    private List<UserStore.StoredSessionKey> plainAfter(long id) {
        return users.sessionKeysAfter(id, false, BATCH);
    }

    private List<UserStore.StoredSessionKey> sealedAfter(long id) {
        return users.sessionKeysAfter(id, true, BATCH);
    }
}
