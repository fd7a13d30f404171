package dev.wxlogin.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.wxlogin.server.crypto.AtRestEncryption;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.session.WeChatSession;

/**
 * WeChat session keys sealed at rest, over a real database migrated by our Flyway scripts: what a
 * login stores, the start-up pass that seals plain values and re-seals a rotated secret's, and two
 * instances running that pass at once.
 */
class SessionKeySealingTest {

    static final String APPID = "wxsealing000000001";
    static final String KEY_A = "tiihtNczf5v6AKRyjwEUhQ==";
    static final String KEY_B = "HyVFkGl5F5OQWJZZaNzBBg==";

    JdbcClient jdbc;
    DataSourceTransactionManager transactionManager;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:sealing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactionManager = new DataSourceTransactionManager(dataSource);
    }

    @Test
    void aLoginStoresTheSessionKeySealedAndBoundToItsUser() {
        UserStore users = store("secret one", null);
        long ann = login(users, KEY_A);
        long bob = login(users, KEY_B);

        assertThat(plain(ann)).isNull();
        assertThat(sealed(ann)).isNotNull().doesNotContain(KEY_A);
        assertThat(users.sessionKey(ann)).contains(SessionKey.of(KEY_A));

        // Copied onto another user's row, a sealed key does not open there.
        jdbc.sql("UPDATE wx_user SET session_key_sealed = ? WHERE id = ?").param(sealed(ann)).param(bob).update();
        assertThat(users.sessionKey(bob)).isEmpty();
    }

    @Test
    void plainKeysAreSealedAtStartAndASecondPassChangesNothing() {
        long ann = login(store(null, null), KEY_A);
        assertThat(plain(ann)).isEqualTo(KEY_A);

        AtRestEncryption encryption = new AtRestEncryption("secret one", null);
        SessionKeySealing.Outcome first = new SessionKeySealing(store(null, null), encryption).sealAll();
        String sealedOnce = sealed(ann);
        SessionKeySealing.Outcome second = new SessionKeySealing(store(null, null), encryption).sealAll();

        assertThat(first.sealed()).isEqualTo(1);
        assertThat(second).isEqualTo(new SessionKeySealing.Outcome(0, 0, 0));
        assertThat(plain(ann)).isNull();
        assertThat(sealed(ann)).isEqualTo(sealedOnce);
        assertThat(store("secret one", null).sessionKey(ann)).contains(SessionKey.of(KEY_A));
    }

    @Test
    void twoInstancesSealingAtOnceSealEachKeyOnce() throws Exception {
        UserStore plainStore = store(null, null);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(login(plainStore, i % 2 == 0 ? KEY_A : KEY_B));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<SessionKeySealing.Outcome>> passes = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            SessionKeySealing sealing = new SessionKeySealing(store(null, null), new AtRestEncryption("secret one", null));
            passes.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return sealing.sealAll();
            }));
        }

        int sealedInAll = passes.stream().mapToInt(pass -> pass.join().sealed()).sum();

        assertThat(sealedInAll).isEqualTo(ids.size());
        UserStore users = store("secret one", null);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(plain(ids.get(i))).isNull();
            assertThat(users.sessionKey(ids.get(i))).contains(SessionKey.of(i % 2 == 0 ? KEY_A : KEY_B));
        }
    }

    @Test
    void aRotatedSecretIsAcceptedAsPreviousAndEveryKeyIsSealedAnewUnderTheNewOne() {
        long ann = login(store("old secret", null), KEY_A);

        UserStore rotating = store("new secret", "old secret");
        assertThat(rotating.sessionKey(ann)).as("readable during the rotation").contains(SessionKey.of(KEY_A));
        SessionKeySealing.Outcome outcome = new SessionKeySealing(store(null, null), new AtRestEncryption("new secret", "old secret")).sealAll();

        assertThat(outcome.resealed()).isEqualTo(1);
        assertThat(store("new secret", null).sessionKey(ann)).as("the previous secret can now be dropped")
                .contains(SessionKey.of(KEY_A));
        assertThat(store("old secret", null).sessionKey(ann)).isEmpty();
    }

    private UserStore store(String secret, String previous) {
        return new UserStore(jdbc, new UserIdGenerator(java.time.Clock.systemUTC()), new AtRestEncryption(secret, previous), transactionManager);
    }

    private static long login(UserStore users, String key) {
        WeChatSession session = new WeChatSession("o" + UUID.randomUUID(), SessionKey.of(key), Optional.empty());
        return UserStoreFixture.recordLogin(users, APPID, session, null, Instant.parse("2030-01-01T00:00:00Z")).user().id();
    }

    private String plain(long id) {
        return jdbc.sql("SELECT session_key FROM wx_user WHERE id = ?").param(id).query(rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty()).orElse(null);
    }

    private String sealed(long id) {
        return jdbc.sql("SELECT session_key_sealed FROM wx_user WHERE id = ?").param(id).query(rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty()).orElse(null);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
