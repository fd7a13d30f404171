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
 */
public record AuditEvent(String id, Instant occurredAt, AuditEventType type, String outcome, String appid, Long userId,
                         String sessionId, String clientAddress, String userAgent, String adminActor, String clientId) {

    /** The outcome of an event that succeeded. */
    public static final String OK = "OK";

    /** An event that concerns no website. */
    public AuditEvent(String id, Instant occurredAt, AuditEventType type, String outcome, String appid, Long userId,
                      String sessionId, String clientAddress, String userAgent, String adminActor) {
        this(id, occurredAt, type, outcome, appid, userId, sessionId, clientAddress, userAgent, adminActor, null);
    }

    /** An event of a user (or of an unknown caller, {@code userId} null) from the current request. */
    public static AuditEvent of(AuditEventType type, String outcome, String appid, Long userId, String sessionId) {
        RequestOrigin origin = RequestOrigin.current();
        return new AuditEvent(null, null, type, outcome, appid, userId, sessionId, origin.clientAddress(),
                origin.userAgent(), null);
    }

    /**
     * An admin action from the current request (the admin's address and browser are recorded).
     *
     * @param adminActor   who: the admin's username, or the name of the API key
     * @param targetUserId the user acted on, or {@code null}
     * @param appid        the target user's app, or {@code null}
     */
    public static AuditEvent byAdmin(AuditEventType type, String outcome, String adminActor, Long targetUserId, String appid) {
        RequestOrigin origin = RequestOrigin.current();
        return new AuditEvent(null, null, type, outcome, appid, targetUserId, null, origin.clientAddress(),
                origin.userAgent(), adminActor);
    }

    /**
     * An admin's action on a registered website from the current request.
     *
     * @param adminActor who: the admin's username, or the name of the API key
     * @param clientId   the website's client_id
     */
    public static AuditEvent byAdminOnWebsite(AuditEventType type, String outcome, String adminActor, String clientId) {
        RequestOrigin origin = RequestOrigin.current();
        return new AuditEvent(null, null, type, outcome, null, null, null, origin.clientAddress(), origin.userAgent(), adminActor,
                clientId);
    }

    /** Whether it succeeded. */
    public boolean succeeded() {
        return OK.equals(outcome);
    }
}
