package dev.wxlogin.server.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.wxlogin.server.audit.AuditCount;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;

/**
 * The console's first page, from the audit log: successful logins per hour (last 24 hours), logins
 * per day by app (last 7 days), new users, and login failures by error code (last 7 days). Times in UTC.
 *
 * @param loginsPerHour     successful logins per hour, oldest first
 * @param loginsPerDayByApp per app, successful logins per day (oldest first)
 * @param newUsersDay       users created in the last 24 hours
 * @param newUsersWeek      users created in the last 7 days
 * @param failuresByCode    failed logins by error code, most frequent first
 * @param loginsDay         successful logins in the last 24 hours
 */
public record Dashboard(BarChart loginsPerHour, Map<String, Map<String, Long>> loginsPerDayByApp, long newUsersDay, long newUsersWeek,
                        BarChart failuresByCode, long loginsDay) {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

    static Dashboard of(AuditLog audit, Clock clock) {
        Instant now = clock.instant();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        Instant weekAgo = now.minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.DAYS);

        Map<String, Long> perHour = new LinkedHashMap<>();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        for (int h = 0; h < 24; h++) {
            perHour.put(HOUR.format(firstHour.plus(Duration.ofHours(h))), 0L);
        }
        long loginsDay = 0;
        for (AuditCount count : audit.count(logins(firstHour), ChronoUnit.HOURS)) {
            perHour.merge(HOUR.format(count.bucketStart()), count.count(), Long::sum);
            loginsDay += count.count();
        }

        Map<String, Map<String, Long>> perDayByApp = new TreeMap<>();
        List<String> days = new java.util.ArrayList<>();
        for (int d = 0; d <= 7; d++) {
            days.add(DAY.format(weekAgo.plus(Duration.ofDays(d))));
        }
        for (AuditCount count : audit.count(logins(weekAgo), ChronoUnit.DAYS)) {
            String app = count.appid() == null ? "-" : count.appid();
            Map<String, Long> row = perDayByApp.computeIfAbsent(app, a -> {
                Map<String, Long> empty = new LinkedHashMap<>();
                days.forEach(day -> empty.put(day, 0L));
                return empty;
            });
            row.merge(DAY.format(count.bucketStart()), count.count(), Long::sum);
        }

        long newUsersDay = total(audit.count(created(dayAgo), ChronoUnit.HOURS));
        long newUsersWeek = total(audit.count(created(now.minus(Duration.ofDays(7))), ChronoUnit.HOURS));
        Map<String, Long> failures = audit.failuresByCode(
                new AuditQuery(null, AuditEventType.LOGIN, null, true, null, null, now.minus(Duration.ofDays(7)), null));
        return new Dashboard(BarChart.vertical(perHour, 22), perDayByApp, newUsersDay, newUsersWeek, BarChart.horizontal(failures), loginsDay);
    }

    private static AuditQuery logins(Instant from) {
        return new AuditQuery(null, AuditEventType.LOGIN, AuditEvent.OK, false, null, null, from, null);
    }

    private static AuditQuery created(Instant from) {
        return new AuditQuery(null, AuditEventType.USER_CREATE, null, false, null, null, from, null);
    }

    private static long total(List<AuditCount> counts) {
        return counts.stream().mapToLong(AuditCount::count).sum();
    }
}
