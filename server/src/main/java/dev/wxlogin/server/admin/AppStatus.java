package dev.wxlogin.server.admin;

import java.time.Instant;

/**
 * A configured mini program and whether WeChat gives it an access_token now (never the token).
 *
 * @param appid      the AppID
 * @param isDefault  whether it is the default app
 * @param healthy    whether an access_token could be had
 * @param obtainedAt when the current token was fetched, if healthy
 * @param expiresAt  when it expires, if healthy
 * @param errorCode  the failure's error code, if not healthy
 */
public record AppStatus(String appid, boolean isDefault, boolean healthy, Instant obtainedAt, Instant expiresAt, String errorCode) {
}
