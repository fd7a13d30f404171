package dev.wxlogin.server.audit;

import java.time.Instant;

/**
 * One audited event. Holds identifiers and outcomes only: never a code, token, session_key or full
 * phone number.
 *
 * @param id            its row, or {@code null} before it is recorded
 * @param occurredAt    when; {@code null} before it is recorded means "now"
 * @param type          what happened
 * @param outcome       {@link #OK}, or the {@code ApiError} code the request failed with
 * @param appid         the mini program, when known
 * @param userId        the user it happened to, when known (for admin actions, the target user)
 * @param sessionId     the login session (refresh-token family), when there is one
 * @param clientAddress where the request came from
 * @param userAgent     its user agent, cut to {@value RequestOrigin#MAX_USER_AGENT} characters
 * @param adminActor    for admin actions, the admin (a username or API key name); {@code null} otherwise
 * @param clientId      the website (OpenID Connect client_id) the event concerns, when it concerns one
 * @param firstOrigin   for {@link AuditEventType#REFRESH_GRACE_REUSE}: where the token was first presented (the
 *                      event's own address and user agent are the repetition's); {@link RequestOrigin#NONE} otherwise
 */
public record AuditEvent(String id, Instant occurredAt, AuditEventType type, String outcome, String appid, Long userId,
                         String sessionId, String clientAddress, String userAgent, String adminActor, String clientId,
                         RequestOrigin firstOrigin) {

    public AuditEvent {
        firstOrigin = firstOrigin == null ? RequestOrigin.NONE : firstOrigin;
    }

    /** An event with one origin. */
    public AuditEvent(String id, Instant occurredAt, AuditEventType type, String outcome, String appid, Long userId,
                      String sessionId, String clientAddress, String userAgent, String adminActor, String clientId) {
        this(id, occurredAt, type, outcome, appid, userId, sessionId, clientAddress, userAgent, adminActor, clientId, RequestOrigin.NONE);
    }

    /** The outcome of an event that succeeded. */
    public static final String OK = "OK";

    /** An event that concerns no website. */
    public AuditEvent(String id, Instant occurredAt, AuditEventType type, String outcome, String appid, Long userId,
                      String sessionId, String clientAddress, String userAgent, String adminActor) {
        this(id, occurredAt, type, outcome, appid, userId, sessionId, clientAddress, userAgent, adminActor, null);
    }

    /** An event of a user (or of an unknown caller, {@code userId} null) from a request from {@code origin}. */
    public static AuditEvent of(RequestOrigin origin, AuditEventType type, String outcome, String appid, Long userId, String sessionId) {
        return new AuditEvent(null, null, type, outcome, appid, userId, sessionId, origin.clientAddress(),
                origin.userAgent(), null);
    }

    /**
     * An admin action (the admin's address and browser are recorded).
     *
     * @param admin        who, from where
     * @param targetUserId the user acted on, or {@code null}
     * @param appid        the target user's app, or {@code null}
     */
    public static AuditEvent byAdmin(AdminActor admin, AuditEventType type, String outcome, Long targetUserId, String appid) {
        return new AuditEvent(null, null, type, outcome, appid, targetUserId, null, admin.origin().clientAddress(),
                admin.origin().userAgent(), admin.name());
    }

    /**
     * An admin's action on a registered website.
     *
     * @param admin      who, from where
     * @param clientId   the website's client_id
     */
    public static AuditEvent byAdminOnWebsite(AdminActor admin, AuditEventType type, String outcome, String clientId) {
        return new AuditEvent(null, null, type, outcome, null, null, null, admin.origin().clientAddress(), admin.origin().userAgent(),
                admin.name(), clientId);
    }

    /** Whether it succeeded. */
    public boolean succeeded() {
        return OK.equals(outcome);
    }
}
