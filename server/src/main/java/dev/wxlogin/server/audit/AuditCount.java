package dev.wxlogin.server.audit;

import java.time.Instant;

/**
 * How many events of one kind happened in one time bucket, for the dashboard's charts.
 *
 * @param bucketStart the start of the hour or the (UTC) day
 * @param appid       the app, or {@code null} for events without one
 * @param type        the event type
 * @param outcome     {@link AuditEvent#OK} or an error code
 * @param count       the number of events
 */
public record AuditCount(Instant bucketStart, String appid, AuditEventType type, String outcome, long count) {
}
