package dev.wxlogin.server.user;

import java.time.Instant;
import java.util.Objects;

import dev.wxlogin.server.app.Platform;

/**
 * A user of one mini program on one platform, as stored. Holds no secret: the session_key stays in the store.
 *
 * @param id          our id for the user; below 2^53 so that JavaScript reads it exactly
 * @param appid       the mini program
 * @param openid      the platform's id for the user within that app (Alipay: {@code open_id} or {@code user_id})
 * @param unionid     the platform's id across the developer's apps on that platform, if any; never compared across platforms
 * @param profile     what the user told us about themselves
 * @param disabled    whether the user is banned from logging in
 * @param createdAt   first login
 * @param lastLoginAt latest login
 * @param loginCount  number of logins
 * @param phone       the bound phone number, or {@code null}
 * @param platform    the app's platform: a user is unique per (platform, appid, openid)
 */
public record UserAccount(long id, String appid, String openid, String unionid, UserProfile profile,
                          boolean disabled, Instant createdAt, Instant lastLoginAt, long loginCount, BoundPhone phone,
                          Platform platform) {

    public UserAccount {
        Objects.requireNonNull(platform, "platform");
    }

    /** A WeChat user without a phone number. */
    public UserAccount(long id, String appid, String openid, String unionid, UserProfile profile,
                       boolean disabled, Instant createdAt, Instant lastLoginAt, long loginCount) {
        this(id, appid, openid, unionid, profile, disabled, createdAt, lastLoginAt, loginCount, null, Platform.WECHAT);
    }
}
