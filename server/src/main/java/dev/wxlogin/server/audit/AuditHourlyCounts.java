package dev.wxlogin.server.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log's counts per completed hour, app, type and outcome ({@code audit_hourly_count}), so
 * that the console's dashboard adds up a few hundred rows instead of counting a week of events (seven
 * million at a million logins a day). Hours before {@code audit_hourly_count_mark.counted_until} are
 * counted there, later ones are counted from {@code audit_event} itself.
 *
 * <p>Every instance may roll up; no transaction is needed: an hour's counts are one
 * {@code INSERT ... SELECT} (all or nothing), a second instance's insert of the same hour fails on
 * the primary key, and the mark only moves from the hour it was at. An hour is rolled up
 * {@link #SETTLE} after it ended, so that inserts in flight at its end (stamped by their instance's
 * clock) are in it.
 */
final class AuditHourlyCounts {

    /** How long after an hour's end its counts are taken. */
    static final Duration SETTLE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    AuditHourlyCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The end of the counted hours, if any were counted. */
    Optional<Instant> countedUntil() {
        return jdbc.sql("SELECT counted_until FROM audit_hourly_count_mark WHERE id = 1").query((rs, n) -> rs.getTimestamp(1)).list()
                .stream().filter(Objects::nonNull).findFirst().map(Timestamp::toInstant);
    }

    /** Counts every hour that ended at least {@link #SETTLE} before {@code now}; returns how many hours it counted. */
    int rollUp(Instant now) {
        Instant target = now.minus(SETTLE).truncatedTo(ChronoUnit.HOURS);
        Optional<Instant> mark = countedUntil();
        if (mark.isEmpty()) {
            Instant start = firstHourFrom(null).filter(first -> first.isBefore(target)).orElse(target);
            jdbc.sql("UPDATE audit_hourly_count_mark SET counted_until = ? WHERE id = 1 AND counted_until IS NULL")
                    .param(Timestamp.from(start)).update();
            mark = countedUntil();
        }
        int counted = 0;
        Instant hour = mark.orElseThrow();
        while (hour.isBefore(target)) {
            // Hours without events are skipped in one step (after a long stop, say).
            Optional<Instant> next = firstHourFrom(hour);
            if (next.isEmpty() || !next.get().isBefore(target)) {
                advance(hour, target);
                break;
            }
            if (next.get().isAfter(hour)) {
                if (!advance(hour, next.get())) {
                    return counted;
                }
                hour = next.get();
            }
            try {
                jdbc.sql("INSERT INTO audit_hourly_count (hour_start, appid, event_type, outcome, n) "
                                + "SELECT hour_start, COALESCE(appid, ''), event_type, outcome, COUNT(*) FROM audit_event "
                                + "WHERE hour_start = ? GROUP BY hour_start, COALESCE(appid, ''), event_type, outcome")
                        .param(Timestamp.from(hour)).update();
            } catch (DuplicateKeyException e) {
                // Another instance counted this hour first: the same counts.
            }
            Instant end = hour.plus(Duration.ofHours(1));
            if (!advance(hour, end)) {
                return counted;
            }
            counted++;
            hour = end;
        }
        return counted;
    }

    /**
     * The counts of the counted hours from {@code from} (inclusive) to the mark, with the conditions
     * and parameters of a query on {@code audit_event} (appid, event_type, outcome only).
     */
    List<AuditCount> counts(List<String> conditions, List<Object> params, Instant from, Instant until) {
        List<String> all = new ArrayList<>(conditions);
        List<Object> values = new ArrayList<>(params);
        all.add("hour_start < ?");
        values.add(Timestamp.from(until));
        if (from != null) {
            all.add("hour_start >= ?");
            values.add(Timestamp.from(from));
        }
        JdbcClient.StatementSpec select = jdbc.sql("SELECT hour_start, appid, event_type, outcome, n FROM audit_hourly_count WHERE "
                + String.join(" AND ", all) + " ORDER BY hour_start");
        for (Object value : values) {
            select = select.param(value);
        }
        return select.query((rs, n) -> {
            String appid = rs.getString("appid");
            return new AuditCount(rs.getTimestamp("hour_start").toInstant(), appid.isEmpty() ? null : appid,
                    AuditEventType.valueOf(rs.getString("event_type")), rs.getString("outcome"), rs.getLong("n"));
        }).list();
    }

    /** Forgets the counts of hours that began before {@code cutoff}, with the events the retention deletes. */
    void deleteBefore(Instant cutoff) {
        jdbc.sql("DELETE FROM audit_hourly_count WHERE hour_start < ?").param(Timestamp.from(cutoff)).update();
    }

    private Optional<Instant> firstHourFrom(Instant from) {
        JdbcClient.StatementSpec select = from == null
                ? jdbc.sql("SELECT MIN(hour_start) FROM audit_event")
                : jdbc.sql("SELECT MIN(hour_start) FROM audit_event WHERE hour_start >= ?").param(Timestamp.from(from));
        return Optional.ofNullable(select.query((rs, n) -> rs.getTimestamp(1)).list().get(0)).map(Timestamp::toInstant);
    }

    private boolean advance(Instant from, Instant to) {
        return jdbc.sql("UPDATE audit_hourly_count_mark SET counted_until = ? WHERE id = 1 AND counted_until = ?")
                .param(Timestamp.from(to)).param(Timestamp.from(from)).update() == 1;
    }
}
