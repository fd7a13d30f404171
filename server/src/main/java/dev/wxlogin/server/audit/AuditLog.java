package dev.wxlogin.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import dev.wxlogin.server.config.BatchedDelete;
import dev.wxlogin.server.config.RowIds;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.user.AccountErasure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit log in the {@code audit_event} table: written synchronously by the request the event
 * belongs to, read by the admin console, purged after the retention period.
 *
 * <p>An event that is part of what it records (a login, a refresh, a logout) is {@linkplain #append appended} in that
 * operation's transaction: if it cannot be written, the operation fails and leaves nothing behind.
 *
 * <p>Otherwise, a failed insert is logged and counted ({@code wxlogin.audit.failures}) but never fails the
 * request it describes: a login that succeeded stays a success even when its audit row could not be
 * written (the database refusing one insert usually refuses the login's own writes too). Events of
 * requests that failed with DATABASE_UNAVAILABLE are not attempted.
 */
public class AuditLog implements AccountErasure {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_PAGE_SIZE = 500;
    /** A search counts its matches up to this many; beyond, the page says "more than". */
    public static final int COUNT_LIMIT = 10_000;
    private static final String DATABASE_UNAVAILABLE = ApiError.DATABASE_UNAVAILABLE.name();
    private static final String COLUMNS = "id, occurred_at, event_type, outcome, appid, user_id, session_id, "
            + "client_address, user_agent, admin_actor, client_id, first_client_address, first_user_agent";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Counter failures;
    private final BatchedDelete batchedDelete;
    private final AuditHourlyCounts hourlyCounts;

    AuditLog(JdbcClient jdbc, Clock clock, Duration retention, MeterRegistry meters, BatchedDelete batchedDelete) {
        this.jdbc = jdbc;
        this.batchedDelete = batchedDelete;
        this.hourlyCounts = new AuditHourlyCounts(jdbc);
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
        try {
            append(event);
        } catch (DataAccessException e) {
            failures.increment();
            LOG.warn("Audit event {} ({}) for user {} not recorded: {}", event.type(), event.outcome(), event.userId(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Records events now, in the caller's transaction, in one statement (one row each). Unlike
     * {@link #record} it throws: the operation they describe fails with them.
     *
     * @throws DataAccessException when they cannot be written
     */
    public void append(AuditEvent... events) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        Timestamp hour = Timestamp.from(now.truncatedTo(ChronoUnit.HOURS));
        String rows = String.join(", ", Collections.nCopies(events.length, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        JdbcClient.StatementSpec insert = jdbc.sql("INSERT INTO audit_event (id, occurred_at, hour_start, event_type, outcome, appid, "
                + "user_id, session_id, client_address, user_agent, admin_actor, client_id, first_client_address, first_user_agent) "
                + "VALUES " + rows);
        for (AuditEvent event : events) {
            insert = insert.param(RowIds.next()).param(at).param(hour).param(event.type().name()).param(event.outcome())
                    .param(event.appid()).param(event.userId()).param(event.sessionId()).param(event.clientAddress())
                    .param(event.userAgent()).param(event.adminActor()).param(event.clientId())
                    .param(event.firstOrigin().clientAddress()).param(event.firstOrigin().userAgent());
        }
        insert.update();
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
        long total = where.bind(jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM audit_event" + where.sql + " LIMIT ?) matches"))
                .param(COUNT_LIMIT + 1).query(Long.class).single();
        List<AuditEvent> events = where.bind(jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where.sql
                        + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?"))
                .param(size).param((long) page * size)
                .query(AuditLog::map).list();
        return new AuditPage(events, Math.min(total, COUNT_LIMIT), total > COUNT_LIMIT, page, size);
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
        List<AuditCount> hourly = countPerHour(query);
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
     * The hourly counts: those of the hours already counted in {@code audit_hourly_count} from there
     * (whole hours from {@code from} on, when the query names no user, admin or end), the others
     * counted from the events.
     */
    private List<AuditCount> countPerHour(AuditQuery query) {
        Optional<Instant> countedUntil = query.userId() == null && query.adminActor() == null && query.to() == null
                ? hourlyCounts.countedUntil() : Optional.empty();
        if (countedUntil.isEmpty()) {
            return countEvents(query);
        }
        Instant mark = countedUntil.get();
        Instant from = query.from();
        Instant wholeFrom = from == null || from.truncatedTo(ChronoUnit.HOURS).equals(from) ? from
                : from.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Where counted = where(new AuditQuery(query.appid(), query.type(), query.outcome(), query.failuresOnly(), null, null, null, null));
        List<AuditCount> counts = new ArrayList<>(hourlyCounts.counts(counted.conditions(), counted.params, wholeFrom, mark));
        // The hours not counted yet, as time ranges that the occurred_at index serves: from the mark on...
        counts.addAll(countEvents(between(query, from == null || from.isBefore(mark) ? mark : from, null)));
        // ...and the part of an hour before the first whole one.
        if (from != null && from.isBefore(wholeFrom) && !wholeFrom.isAfter(mark)) {
            counts.addAll(countEvents(between(query, from, wholeFrom)));
        }
        counts.sort(Comparator.comparing(AuditCount::bucketStart));
        return counts;
    }

    private List<AuditCount> countEvents(AuditQuery query) {
        Where where = where(query);
        return where.bind(jdbc.sql("SELECT hour_start, appid, event_type, outcome, COUNT(*) AS n FROM audit_event" + where.sql
                        + " GROUP BY hour_start, appid, event_type, outcome ORDER BY hour_start"))
                .query((rs, n) -> new AuditCount(rs.getTimestamp("hour_start").toInstant(), rs.getString("appid"),
                        AuditEventType.valueOf(rs.getString("event_type")), rs.getString("outcome"), rs.getLong("n")))
                .list();
    }

    private static AuditQuery between(AuditQuery query, Instant from, Instant to) {
        return new AuditQuery(query.appid(), query.type(), query.outcome(), query.failuresOnly(), query.userId(), query.adminActor(),
                from, to);
    }

    /**
     * Counts the hours that ended a few minutes ago or earlier into {@code audit_hourly_count}, for
     * the dashboard; run every few minutes by every instance ({@code wxlogin.audit.hourly-counts}).
     *
     * @return how many hours it counted
     */
    public int countCompletedHours() {
        return hourlyCounts.rollUp(clock.instant());
    }

    /**
     * How many of the events {@code query} matches failed, by error code; most frequent first. For
     * example the login failures of one app in the last day.
     */
    public Map<String, Long> failuresByCode(AuditQuery query) {
        Map<String, Long> byCode = new HashMap<>();
        for (AuditCount count : countPerHour(new AuditQuery(query.appid(), query.type(), query.outcome(), true, query.userId(),
                query.adminActor(), query.from(), query.to()))) {
            byCode.merge(count.outcome(), count.count(), Long::sum);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        byCode.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /**
     * Forgets where a user's events came from (address and user agent), for an account deletion: the
     * log keeps only the user id and what happened.
     */
    @Override
    public void erase(long userId) {
        jdbc.sql("UPDATE audit_event SET client_address = NULL, user_agent = NULL, first_client_address = NULL, first_user_agent = NULL "
                + "WHERE user_id = ?").param(userId).update();
    }

    /** Deletes events that occurred before {@code cutoff}, in bounded batches; returns how many. */
    public long deleteOlderThan(Instant cutoff) {
        return batchedDelete.deleteBefore("audit_event", "occurred_at", cutoff).deleted();
    }

    /**
     * Hourly, like the other expired rows: events older than the retention period go, in bounded
     * batches (an hour holds a day's logins / 24 of them). Idempotent on every instance.
     */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    public void purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        long deleted = deleteOlderThan(cutoff);
        hourlyCounts.deleteBefore(cutoff.truncatedTo(ChronoUnit.HOURS));
        if (deleted > 0) {
            LOG.info("Deleted {} audit event(s) older than {}", deleted, retention);
        }
    }

    /** A WHERE clause and its parameters, in order. */
    private record Where(String sql, List<Object> params, List<String> conditions) {

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
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params, conditions);
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
                rs.getString("admin_actor"), rs.getString("client_id"),
                new RequestOrigin(rs.getString("first_client_address"), rs.getString("first_user_agent")));
    }
}
