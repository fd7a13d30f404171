package dev.wxlogin.server.user;

import java.time.Instant;

/**
 * A user of one mini program, as stored. Holds no secret: the session_key stays in the store.
 *
 * @param id          our id for the user; below 2^53 so that JavaScript reads it exactly
 * @param appid       the mini program
 * @param openid      WeChat's id for the user within that app
 * @param unionid     WeChat's id across the Open Platform account's apps, if any
 * @param profile     what the user told us about themselves
 * @param disabled    whether the user is banned from logging in
 * @param createdAt   first login
 * @param lastLoginAt latest login
 * @param loginCount  number of logins
 * @param phone       the bound phone number, or {@code null}
 */
public record UserAccount(long id, String appid, String openid, String unionid, UserProfile profile,
                          boolean disabled, Instant createdAt, Instant lastLoginAt, long loginCount, BoundPhone phone) {

    /** A user without a phone number. */
    public UserAccount(long id, String appid, String openid, String unionid, UserProfile profile,
                       boolean disabled, Instant createdAt, Instant lastLoginAt, long loginCount) {
        this(id, appid, openid, unionid, profile, disabled, createdAt, lastLoginAt, loginCount, null);
    }
}
