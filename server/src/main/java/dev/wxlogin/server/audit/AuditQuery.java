package dev.wxlogin.server.audit;

import java.time.Instant;

/**
 * Which audit events to list; every {@code null} filter matches everything.
 *
 * @param appid        only this app's events
 * @param type         only events of this type
 * @param outcome      only events with this outcome ({@link AuditEvent#OK} or an error code)
 * @param failuresOnly only events whose outcome is not {@link AuditEvent#OK}
 * @param userId       only events of this user
 * @param adminActor   only actions of this admin
 * @param from         only events at or after this instant
 * @param to           only events before this instant
 */
public record AuditQuery(String appid, AuditEventType type, String outcome, boolean failuresOnly, Long userId,
                         String adminActor, Instant from, Instant to) {

    /** Every event. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, false, null, null, null, null);

    /** Every event of one user. */
    public static AuditQuery ofUser(long userId) {
        return new AuditQuery(null, null, null, false, userId, null, null, null);
    }
}
