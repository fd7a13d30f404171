package dev.wxlogin.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.StoreTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The audit log as a store, on a bare database of each kind: appended in the caller's transaction,
 * purged after the retention, queried by filter and page, counted by hour and day; a refused event
 * is counted and never thrown. What the service's requests record is {@link AuditLogTest}'s.
 */
@StoreTest
class AuditLogStoreTest {

    StoreDatabase database;

    @BeforeEach
    void database(StoreDatabase database) {
        this.database = database;
    }

    @Test
    void appendedEventsAreWrittenOrUndoneWithTheCallersTransaction() {
        MutableClock clock = new MutableClock(Instant.parse("2031-04-01T10:00:00Z"));
        AuditLog log = AuditLogFixture.auditLog(database, clock);
        String kept = uniqueApp();
        String undone = uniqueApp();

        database.transactions().executeWithoutResult(status ->
                log.append(event(kept, AuditEventType.USER_CREATE, "OK"), event(kept, AuditEventType.LOGIN, "OK")));
        database.transactions().executeWithoutResult(status -> {
            log.append(event(undone, AuditEventType.LOGIN, "OK"));
            status.setRollbackOnly();
        });

        AuditPage written = log.find(new AuditQuery(kept, null, null, false, null, null, null, null), 0, 10);
        assertThat(written.events()).extracting(AuditEvent::type)
                .containsExactlyInAnyOrder(AuditEventType.USER_CREATE, AuditEventType.LOGIN);
        assertThat(written.events()).allSatisfy(event -> {
            assertThat(event.occurredAt()).isEqualTo(clock.instant());
            assertThat(event.userId()).isEqualTo(1L);
            assertThat(event.clientAddress()).isEqualTo("10.0.0.1");
        });
        assertThat(log.find(new AuditQuery(undone, null, null, false, null, null, null, null), 0, 10).total()).isZero();
    }

    @Test
    void eventsOlderThanTheRetentionArePurgedAndYoungerOnesKept() {
        MutableClock clock = new MutableClock(Instant.parse("2031-03-01T10:00:00Z"));
        AuditLog log = AuditLogFixture.auditLog(database, clock);
        String app = uniqueApp();
        log.record(event(app, AuditEventType.LOGIN, "OK"));
        clock.advance(Duration.ofDays(60));
        log.record(event(app, AuditEventType.REFRESH, "OK"));

        clock.advance(Duration.ofDays(31));
        log.purgeExpired();

        AuditPage left = log.find(new AuditQuery(app, null, null, false, null, null, null, null), 0, 10);
        assertThat(left.events()).extracting(AuditEvent::type).containsExactly(AuditEventType.REFRESH);
    }

    @Test
    void queriesFilterPageAndCountByHourAndDay() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-01T08:10:00Z"));
        AuditLog log = AuditLogFixture.auditLog(database, clock);
        String app = uniqueApp();
        log.record(event(app, AuditEventType.LOGIN, "OK"));
        log.record(event(app, AuditEventType.LOGIN, "WX_CODE_INVALID"));
        clock.advance(Duration.ofMinutes(30));
        log.record(event(app, AuditEventType.LOGIN, "OK"));
        clock.advance(Duration.ofHours(1));
        log.record(event(app, AuditEventType.LOGIN, "WX_CODE_INVALID"));
        log.record(event(app, AuditEventType.LOGIN, "RATE_LIMITED"));
        clock.advance(Duration.ofDays(1));
        log.record(event(app, AuditEventType.LOGIN, "OK"));
        log.record(event(app, AuditEventType.REFRESH, "OK"));
        AuditQuery logins = new AuditQuery(app, AuditEventType.LOGIN, null, false, null, null, null, null);

        AuditPage page0 = log.find(logins, 0, 4);
        AuditPage page1 = log.find(logins, 1, 4);
        assertThat(page0.total()).isEqualTo(6);
        assertThat(page0.events()).hasSize(4);
        assertThat(page1.events()).hasSize(2);
        assertThat(page0.events().get(0).occurredAt()).isAfter(page1.events().get(0).occurredAt());
        assertThat(log.find(new AuditQuery(app, null, "OK", false, null, null, null, null), 0, 10).total()).isEqualTo(4);
        assertThat(log.find(new AuditQuery(app, null, null, true, null, null, null, null), 0, 10).total()).isEqualTo(3);
        assertThat(log.find(new AuditQuery(app, null, null, false, null, null, Instant.parse("2031-05-01T09:00:00Z"),
                Instant.parse("2031-05-02T00:00:00Z")), 0, 10).total()).isEqualTo(2);

        AuditQuery successfulLogins = new AuditQuery(app, AuditEventType.LOGIN, "OK", false, null, null, null, null);
        assertThat(log.count(successfulLogins, ChronoUnit.HOURS)).extracting(AuditCount::bucketStart, AuditCount::count)
                .containsExactly(tuple(Instant.parse("2031-05-01T08:00:00Z"), 2L),
                        tuple(Instant.parse("2031-05-02T09:00:00Z"), 1L));
        assertThat(log.count(logins, ChronoUnit.DAYS)).filteredOn(c -> c.outcome().equals("WX_CODE_INVALID"))
                .extracting(AuditCount::bucketStart, AuditCount::count)
                .containsExactly(tuple(Instant.parse("2031-05-01T00:00:00Z"), 2L));
        assertThat(log.failuresByCode(logins)).containsExactly(Map.entry("WX_CODE_INVALID", 2L), Map.entry("RATE_LIMITED", 1L));
    }

    @Test
    void anEventTheDatabaseRefusesIsCountedAndNeverThrown() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AuditLog log = AuditLogFixture.auditLog(database, new MutableClock(), meters);

        log.record(event(uniqueApp(), AuditEventType.LOGIN, "X".repeat(500)));

        assertThat(meters.counter("wxlogin.audit.failures").count()).isEqualTo(1.0);
    }

    @Test
    void anEventOfARequestThatFoundTheDatabaseDownIsNotAttemptedAgain() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AuditLog log = AuditLogFixture.auditLog(database, new MutableClock(), meters);
        String app = uniqueApp();

        log.record(event(app, AuditEventType.LOGIN, "DATABASE_UNAVAILABLE"));

        assertThat(log.find(new AuditQuery(app, null, null, false, null, null, null, null), 0, 10).total()).isZero();
        assertThat(meters.counter("wxlogin.audit.failures").count()).isEqualTo(1.0);
    }

    private static AuditEvent event(String app, AuditEventType type, String outcome) {
        return new AuditEvent(null, null, type, outcome, app, 1L, null, "10.0.0.1", "test", null);
    }

    private static String uniqueApp() {
        return "wxaudit" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    }
}
