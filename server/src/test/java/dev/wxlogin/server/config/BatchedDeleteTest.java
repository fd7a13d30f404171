package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.StoreTest;

/**
 * The hourly purges delete every expired row, in several bounded batches, and nothing else, on the
 * bare database of each kind (H2, PostgreSQL, MariaDB). Rows are dated in 1990-1991, before anything other
 * tests write, so the counts are this test's own.
 */
@StoreTest
class BatchedDeleteTest {

    private static final Instant CUTOFF = Instant.parse("1991-01-01T00:00:00Z");

    JdbcClient jdbc;

    @BeforeEach
    void database(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Test
    void expiredSessionsGoInSeveralBatchesAndLiveOnesStay() {
        long user = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        for (int i = 0; i < 23; i++) {
            session(user, CUTOFF.minus(Duration.ofHours(i + 1)));
        }
        session(user, CUTOFF);
        for (int i = 0; i < 5; i++) {
            session(user, CUTOFF.plus(Duration.ofMinutes(i + 1)));
        }

        BatchedDelete.Result result = new BatchedDelete(jdbc, 5, Duration.ZERO).deleteBefore("login_session", "expires_at", CUTOFF);

        assertThat(result.deleted()).isEqualTo(23);
        assertThat(result.batches()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT expires_at FROM login_session WHERE user_id = ? ORDER BY expires_at").param(user)
                .query(Timestamp.class).list()).hasSize(6).allSatisfy(expires -> assertThat(expires.toInstant()).isAfterOrEqualTo(CUTOFF));
    }

    @Test
    void aBacklogThatFillsTheLastBatchExactlyEndsWithAnEmptyRead() {
        String app = "wxpurge" + ThreadLocalRandom.current().nextInt(1_000_000);
        for (int i = 0; i < 12; i++) {
            event(app, CUTOFF.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(i)));
        }
        event(app, CUTOFF.plus(Duration.ofSeconds(1)));

        BatchedDelete.Result result = new BatchedDelete(jdbc, 4, Duration.ofMillis(1)).deleteBefore("audit_event", "occurred_at", CUTOFF);

        assertThat(result.deleted()).isEqualTo(12);
        assertThat(result.batches()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE appid = ?").param(app).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void nothingExpiredIsNoBatch() {
        BatchedDelete.Result result = new BatchedDelete(jdbc, 100, Duration.ZERO)
                .deleteBefore("refresh_token", "expires_at", Instant.parse("1970-01-02T00:00:00Z"));

        assertThat(result).isEqualTo(new BatchedDelete.Result(0, 0));
    }

    @Test
    void onlyOurOwnNamesAreAccepted() {
        BatchedDelete delete = new BatchedDelete(jdbc, 10, Duration.ZERO);

        assertThatThrownBy(() -> delete.deleteBefore("login_session; DROP TABLE wx_user", "expires_at", CUTOFF))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> delete.deleteBefore("login_session", "expires_at OR 1=1", CUTOFF))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void session(long user, Instant expiresAt) {
        Timestamp created = Timestamp.from(expiresAt.minus(Duration.ofDays(30)));
        jdbc.sql("INSERT INTO login_session (id, user_id, appid, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .param(RowIds.next()).param(user).param("wxpurge").param(created).param(created).param(Timestamp.from(expiresAt))
                .update();
    }

    private void event(String app, Instant at) {
        jdbc.sql("INSERT INTO audit_event (id, occurred_at, hour_start, event_type, outcome, appid) VALUES (?, ?, ?, 'LOGIN', 'OK', ?)")
                .param(RowIds.next()).param(Timestamp.from(at)).param(Timestamp.from(at)).param(app).update();
    }
}
