package dev.wxlogin.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.StoreTest;

/**
 * The dashboard's counts are the same whether an hour is counted from its events or from
 * {@code audit_hourly_count}: whole hours from the table, a partial first hour and the hours not yet
 * counted from the events; counting again changes nothing. Runs in 2032, after every other test's
 * events, and puts the shared mark back afterwards.
 */
@StoreTest
class AuditHourlyCountsTest {

    private static final Instant DAY = Instant.parse("2032-01-01T00:00:00Z");

    JdbcClient jdbc;
    MutableClock clock;
    AuditLog log;
    String app;
    Timestamp savedMark;

    @BeforeEach
    void setUp(StoreDatabase database) {
        jdbc = database.jdbc();
        clock = new MutableClock(DAY.plus(Duration.ofMinutes(8 * 60 + 10)));
        log = AuditLogFixture.auditLog(database, clock);
        app = "wxcount" + ThreadLocalRandom.current().nextInt(1_000_000);
        savedMark = jdbc.sql("SELECT counted_until FROM audit_hourly_count_mark WHERE id = 1").query((rs, n) -> rs.getTimestamp(1)).list().get(0);
    }

    @AfterEach
    void restoreTheMark() {
        jdbc.sql("UPDATE audit_hourly_count_mark SET counted_until = ? WHERE id = 1").param(savedMark).update();
        jdbc.sql("DELETE FROM audit_hourly_count WHERE appid = ?").param(app).update();
    }

    @Test
    void countedHoursAddUpToWhatTheEventsSay() {
        record(AuditEvent.OK);                              // 08:10
        at("08:40");
        record(AuditEvent.OK);
        at("09:20");
        record(AuditEvent.OK);
        at("09:30");
        record("WX_CODE_INVALID");
        at("10:05");
        record(AuditEvent.OK);
        record("WX_CODE_INVALID");
        at("10:20");
        AuditQuery logins = new AuditQuery(app, AuditEventType.LOGIN, null, false, null, null, null, null);
        AuditQuery fromHalfPastEight = new AuditQuery(app, AuditEventType.LOGIN, AuditEvent.OK, false, null, null,
                DAY.plus(Duration.ofMinutes(8 * 60 + 30)), null);
        List<AuditCount> perHourFromEvents = log.count(logins, ChronoUnit.HOURS);
        List<AuditCount> perDayFromEvents = log.count(logins, ChronoUnit.DAYS);
        List<AuditCount> partialFromEvents = log.count(fromHalfPastEight, ChronoUnit.HOURS);
        Map<String, Long> failuresFromEvents = log.failuresByCode(logins);
        jdbc.sql("UPDATE audit_hourly_count_mark SET counted_until = ? WHERE id = 1").param(Timestamp.from(DAY)).update();

        int counted = log.countCompletedHours();

        assertThat(counted).isEqualTo(2);
        assertThat(jdbc.sql("SELECT counted_until FROM audit_hourly_count_mark WHERE id = 1").query(Timestamp.class).single().toInstant())
                .isEqualTo(DAY.plus(Duration.ofHours(10)));
        assertThat(jdbc.sql("SELECT hour_start, outcome, n FROM audit_hourly_count WHERE appid = ? ORDER BY hour_start, outcome")
                .param(app).query((rs, n) -> tuple(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3))).list())
                .containsExactly(tuple(DAY.plus(Duration.ofHours(8)), "OK", 2L),
                        tuple(DAY.plus(Duration.ofHours(9)), "OK", 1L),
                        tuple(DAY.plus(Duration.ofHours(9)), "WX_CODE_INVALID", 1L));
        assertThat(log.count(logins, ChronoUnit.HOURS)).containsExactlyInAnyOrderElementsOf(perHourFromEvents);
        assertThat(log.count(logins, ChronoUnit.DAYS)).containsExactlyInAnyOrderElementsOf(perDayFromEvents);
        assertThat(log.count(fromHalfPastEight, ChronoUnit.HOURS)).containsExactlyInAnyOrderElementsOf(partialFromEvents)
                .extracting(AuditCount::bucketStart, AuditCount::count)
                .containsExactly(tuple(DAY.plus(Duration.ofHours(8)), 1L), tuple(DAY.plus(Duration.ofHours(9)), 1L),
                        tuple(DAY.plus(Duration.ofHours(10)), 1L));
        assertThat(log.failuresByCode(logins)).isEqualTo(failuresFromEvents).containsExactly(Map.entry("WX_CODE_INVALID", 2L));
    }

    @Test
    void countingAgainChangesNothingAndAnHourIsCountedOnlyOnceSettled() {
        record(AuditEvent.OK);
        at("09:04");
        record(AuditEvent.OK);
        jdbc.sql("UPDATE audit_hourly_count_mark SET counted_until = ? WHERE id = 1").param(Timestamp.from(DAY)).update();

        assertThat(log.countCompletedHours()).isZero();
        at("09:06");
        assertThat(log.countCompletedHours()).isEqualTo(1);
        assertThat(log.countCompletedHours()).isZero();

        assertThat(log.count(new AuditQuery(app, null, null, false, null, null, null, null), ChronoUnit.HOURS))
                .extracting(AuditCount::bucketStart, AuditCount::count)
                .containsExactly(tuple(DAY.plus(Duration.ofHours(8)), 1L), tuple(DAY.plus(Duration.ofHours(9)), 1L));
    }

    private void at(String time) {
        Instant target = Instant.parse("2032-01-01T" + time + ":00Z");
        clock.advance(Duration.between(clock.instant(), target));
    }

    private void record(String outcome) {
        log.record(new AuditEvent(null, null, AuditEventType.LOGIN, outcome, app, 1L, null, "10.0.0.1", "test", null));
    }
}
