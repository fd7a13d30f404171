package dev.wxlogin.server.user;

import java.time.Instant;

/**
 * A user as the API shows it: never the session_key, and the phone number only masked.
 *
 * @param phone    the bound phone number, masked, or {@code null}
 * @param platform the app's platform: {@code wechat}, {@code douyin}, {@code alipay} or {@code qq}
 */
public record UserView(long id, String appid, String openid, String unionid, String nickname, String avatarUrl,
                       Integer gender, String country, String province, String city, String language,
                       Instant createdAt, Instant lastLoginAt, PhoneView phone,
                       String platform) {

    public static UserView of(UserAccount user) {
        var p = user.profile();
        return new UserView(user.id(), user.appid(), user.openid(), user.unionid(), p.nickname(), p.avatarUrl(),
                p.gender(), p.country(), p.province(), p.city(), p.language(), user.createdAt(), user.lastLoginAt(),
                user.phone() == null ? null : PhoneView.masked(user.phone()), user.platform().wireName());
    }
}
