package dev.wxlogin.server.ratelimit;

/**
 * What a signed-in user may do only so often, because it reaches WeChat (billed calls, the app's
 * daily quota) or costs us: each has its own per-user limit in {@link RateLimitProperties}.
 */
public enum UserAction {
    /** {@code POST /api/v1/me/phone}: {@code getuserphonenumber}, or a decryption checked with {@code checksession}. */
    PHONE_BINDING,
    /** {@code GET /api/v1/wx/session}: {@code checksession}. */
    SESSION_CHECK,
    /** {@code POST /api/v1/wx/decrypt}: a decryption, checked with {@code checksession} when it fails. */
    DECRYPT,
    /** {@code POST /api/v1/me/avatar}: an image stored on disk. */
    AVATAR_UPLOAD,
    /** {@code POST} and {@code DELETE /api/v1/me/links}: linking accounts across platforms, or unlinking them. */
    ACCOUNT_LINKING
}
