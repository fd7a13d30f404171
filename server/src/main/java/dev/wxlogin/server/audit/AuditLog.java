package dev.wxlogin.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import dev.wxlogin.server.config.RowIds;
import dev.wxlogin.server.error.ApiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit log in the {@code audit_event} table: written synchronously by the request the event
 * belongs to, read by the admin console, purged after the retention period.
 *
 * <p>A failed insert is logged and counted ({@code wxlogin.audit.failures}) but never fails the
 * request it describes: a login that succeeded stays a success even when its audit row could not be
 * written (the database refusing one insert usually refuses the login's own writes too). Events of
 * requests that failed with DATABASE_UNAVAILABLE are not attempted.
 */
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_PAGE_SIZE = 500;
    private static final String DATABASE_UNAVAILABLE = ApiError.DATABASE_UNAVAILABLE.name();
    private static final String COLUMNS = "id, occurred_at, event_type, outcome, appid, user_id, session_id, "
            + "client_address, user_agent, admin_actor, client_id";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Counter failures;

    AuditLog(JdbcClient jdbc, Clock clock, Duration retention, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
        this.failures = meters.counter("wxlogin.audit.failures");
    }

    /**
     * Records an event now (its {@code id} and {@code occurredAt}, if given, are replaced). Never
     * throws: a failure is logged and counted.
     */
    public void record(AuditEvent event) {
        if (DATABASE_UNAVAILABLE.equals(event.outcome())) {
            // The insert would only wait out the pool's timeout a second time and fail.
            failures.increment();
            LOG.warn("Audit event {} for user {} not recorded: the database is unavailable", event.type(), event.userId());
            return;
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("INSERT INTO audit_event (id, occurred_at, hour_start, event_type, outcome, appid, user_id, session_id, "
                            + "client_address, user_agent, admin_actor, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .param(RowIds.next())
                    .param(Timestamp.from(now))
                    .param(Timestamp.from(now.truncatedTo(ChronoUnit.HOURS)))
                    .param(event.type().name())
                    .param(event.outcome())
                    .param(event.appid())
                    .param(event.userId())
                    .param(event.sessionId())
                    .param(event.clientAddress())
                    .param(event.userAgent())
                    .param(event.adminActor())
                    .param(event.clientId())
                    .update();
        } catch (DataAccessException e) {
            failures.increment();
            LOG.warn("Audit event {} ({}) for user {} not recorded: {}", event.type(), event.outcome(), event.userId(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * The events {@code query} matches, newest first.
     *
     * @param page from 0
     * @param size 1 to 500
     */
    public AuditPage find(AuditQuery query, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
        Where where = where(query);
        long total = where.bind(jdbc.sql("SELECT COUNT(*) FROM audit_event" + where.sql)).query(Long.class).single();
        List<AuditEvent> events = where.bind(jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where.sql
                        + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?"))
                .param(size).param((long) page * size)
                .query(AuditLog::map).list();
        return new AuditPage(events, total, page, size);
    }

    /**
     * Counts of the events {@code query} matches, per hour or per UTC day, app, type and outcome:
     * logins per hour by app, failures by code and the like. Bucketed by the stored hour, so that the
     * SQL is the same on every database.
     *
     * @param bucket {@link ChronoUnit#HOURS} or {@link ChronoUnit#DAYS}
     */
    public List<AuditCount> count(AuditQuery query, ChronoUnit bucket) {
        if (bucket != ChronoUnit.HOURS && bucket != ChronoUnit.DAYS) {
            throw new IllegalArgumentException("buckets are hours or days");
        }
        Where where = where(query);
        List<AuditCount> hourly = where.bind(jdbc.sql("SELECT hour_start, appid, event_type, outcome, COUNT(*) AS n FROM audit_event"
                        + where.sql + " GROUP BY hour_start, appid, event_type, outcome ORDER BY hour_start"))
                .query((rs, n) -> new AuditCount(rs.getTimestamp("hour_start").toInstant(), rs.getString("appid"),
                        AuditEventType.valueOf(rs.getString("event_type")), rs.getString("outcome"), rs.getLong("n")))
                .list();
        if (bucket == ChronoUnit.HOURS) {
            return hourly;
        }
        record Key(Instant day, String appid, AuditEventType type, String outcome) {
        }
        Map<Key, Long> daily = new LinkedHashMap<>();
        for (AuditCount count : hourly) {
            daily.merge(new Key(count.bucketStart().truncatedTo(ChronoUnit.DAYS), count.appid(), count.type(), count.outcome()),
                    count.count(), Long::sum);
        }
        List<AuditCount> result = new ArrayList<>(daily.size());
        daily.forEach((key, n) -> result.add(new AuditCount(key.day(), key.appid(), key.type(), key.outcome(), n)));
        return result;
    }

    /**
     * How many of the events {@code query} matches failed, by error code; most frequent first. For
     * example the login failures of one app in the last day.
     */
    public Map<String, Long> failuresByCode(AuditQuery query) {
        Where where = where(new AuditQuery(query.appid(), query.type(), query.outcome(), true, query.userId(),
                query.adminActor(), query.from(), query.to()));
        Map<String, Long> counts = new LinkedHashMap<>();
        where.bind(jdbc.sql("SELECT outcome, COUNT(*) AS n FROM audit_event" + where.sql + " GROUP BY outcome ORDER BY n DESC, outcome"))
                .query((rs, n) -> Map.entry(rs.getString("outcome"), rs.getLong("n")))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /**
     * Forgets where a user's events came from (address and user agent), for an account deletion: the
     * log keeps only the user id and what happened.
     */
    public void eraseOriginsOf(long userId) {
        jdbc.sql("UPDATE audit_event SET client_address = NULL, user_agent = NULL WHERE user_id = ?").param(userId).update();
    }

    /** Deletes events that occurred before {@code cutoff}; returns how many. */
    public int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM audit_event WHERE occurred_at < ?").param(Timestamp.from(cutoff)).update();
    }

    /** Hourly, like the other expired rows: events older than the retention period go. Idempotent on every instance. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    public void purgeExpired() {
        int deleted = deleteOlderThan(clock.instant().minus(retention));
        if (deleted > 0) {
            LOG.info("Deleted {} audit event(s) older than {}", deleted, retention);
        }
    }

    /** A WHERE clause and its parameters, in order. */
    private record Where(String sql, List<Object> params) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            for (Object param : params) {
                statement = statement.param(param);
            }
            return statement;
        }
    }

    private static Where where(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(conditions, params, "appid = ?", query.appid());
        add(conditions, params, "event_type = ?", query.type() == null ? null : query.type().name());
        add(conditions, params, "outcome = ?", query.outcome());
        add(conditions, params, "user_id = ?", query.userId());
        add(conditions, params, "admin_actor = ?", query.adminActor());
        add(conditions, params, "occurred_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        add(conditions, params, "occurred_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        if (query.failuresOnly()) {
            conditions.add("outcome <> '" + AuditEvent.OK + "'");
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    private static void add(List<String> conditions, List<Object> params, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        long userId = rs.getLong("user_id");
        Long user = rs.wasNull() ? null : userId;
        return new AuditEvent(rs.getString("id"), rs.getTimestamp("occurred_at").toInstant(),
                AuditEventType.valueOf(rs.getString("event_type")), rs.getString("outcome"), rs.getString("appid"), user,
                rs.getString("session_id"), rs.getString("client_address"), rs.getString("user_agent"),
                rs.getString("admin_actor"), rs.getString("client_id"));
    }
}
