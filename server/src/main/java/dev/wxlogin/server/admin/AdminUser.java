package dev.wxlogin.server.admin;

import java.time.Instant;

import dev.wxlogin.server.user.UserAccount;

/**
 * A user as the admin API and console show them: the phone number masked.
 *
 * @param id          our id
 * @param appid       the mini program
 * @param openid      the platform's id within the app
 * @param unionid     the platform's id across the developer's apps on that platform, if any
 * @param nickname    the nickname the user gave, if any
 * @param avatarUrl   the avatar's address, if any
 * @param phone       the bound phone number masked ({@code 138****5678}), or {@code null}
 * @param disabled    whether logins are refused
 * @param createdAt   first login
 * @param lastLoginAt latest login
 * @param loginCount  number of logins
 * @param platform    the app's platform: {@code wechat}, {@code douyin}, {@code alipay} or {@code qq}
 */
public record AdminUser(long id, String appid, String openid, String unionid, String nickname, String avatarUrl, String phone,
                        boolean disabled, Instant createdAt, Instant lastLoginAt, long loginCount, String platform) {

    static AdminUser of(UserAccount user) {
        return new AdminUser(user.id(), user.appid(), user.openid(), user.unionid(),
                user.profile() == null ? null : user.profile().nickname(),
                user.profile() == null ? null : user.profile().avatarUrl(),
                user.phone() == null ? null : user.phone().masked(), user.disabled(), user.createdAt(), user.lastLoginAt(),
                user.loginCount(), user.platform().wireName());
    }
}
