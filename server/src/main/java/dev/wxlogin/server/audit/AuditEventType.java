package dev.wxlogin.server.audit;

/**
 * What an audited event was. Stored by name (at most 40 characters), so constants may be added but
 * never renamed.
 */
public enum AuditEventType {
    /** A login through {@code /api/v1/login} or {@code /user/wxlogin}, successful or not. */
    LOGIN,
    /** A login that created the user (recorded beside its {@link #LOGIN}). */
    USER_CREATE,
    /** A refresh-token trade. */
    REFRESH,
    /** A refresh token presented again after use: its session was ended. */
    REFRESH_TOKEN_REUSE,
    /**
     * A used refresh token presented again inside the reuse grace window: answered with the same pair,
     * audited apart from {@link #REFRESH} with both origins (a thief's repetition would look like this).
     */
    REFRESH_GRACE_REUSE,
    /** A logout with a refresh token: one session ended. */
    LOGOUT,
    /** "Log out everywhere": every session of the user ended. */
    LOGOUT_ALL,
    /** The user ended one of their own sessions. */
    SESSION_REVOKE,
    /** A phone number bound (or an attempt to). */
    PHONE_BIND,
    /** {@code PATCH /api/v1/me}. */
    PROFILE_CHANGE,
    /** An avatar upload. */
    AVATAR_UPLOAD,
    /** The user linked their account to theirs on another platform (or tried to). */
    ACCOUNT_LINK,
    /** The user removed a link between their accounts on two platforms. */
    ACCOUNT_UNLINK,
    /** The user deleted their own account. */
    ACCOUNT_DELETE,
    /** An admin disabled a user. */
    ADMIN_USER_DISABLE,
    /** An admin enabled a user again. */
    ADMIN_USER_ENABLE,
    /** An admin ended one session of a user. */
    ADMIN_SESSION_REVOKE,
    /** An admin ended every session of a user. */
    ADMIN_SESSIONS_REVOKE,
    /** An admin deleted a user. */
    ADMIN_USER_DELETE,
    /** A console login (outcome OK, ADMIN_LOGIN_FAILED or RATE_LIMITED; the admin is the username tried). */
    ADMIN_LOGIN,
    /** An admin rotated the signing key. */
    ADMIN_SIGNING_KEY_ROTATE,
    /** An admin created an admin API key. */
    ADMIN_API_KEY_CREATE,
    /** An admin revoked an admin API key. */
    ADMIN_API_KEY_REVOKE,
    /** An admin registered a website (an OpenID Connect client); the event names its client_id. */
    ADMIN_WEBSITE_CREATE,
    /** An admin changed a registered website. */
    ADMIN_WEBSITE_UPDATE,
    /** An admin gave a confidential website a new secret (the secret itself is never recorded). */
    ADMIN_WEBSITE_SECRET_RENEW,
    /** An admin deleted a website with its authorizations and consents. */
    ADMIN_WEBSITE_DELETE,
    /** Any other admin action (the console's own: admin login, key rotation, API keys, ...). */
    ADMIN_ACTION;

    /** Whether an admin did it. */
    public boolean byAdmin() {
        return name().startsWith("ADMIN_");
    }
}
