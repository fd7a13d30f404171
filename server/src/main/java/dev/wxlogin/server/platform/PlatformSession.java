package dev.wxlogin.server.platform;

import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.server.app.Platform;
import dev.wxlogin.wechat.SessionKey;

/**
 * Who a platform says logged in: the same shape for every platform, so the login needs not know which.
 *
 * @param platform   the app's platform
 * @param appid      the app
 * @param openid     the user's id in this app (Alipay: {@code open_id}, or {@code user_id} for apps not on the openid standard)
 * @param unionid    the user's id across the developer's apps on this platform, when the platform gave one
 * @param sessionKey the key the user's encrypted data (profile, phone number) is decrypted with, on WeChat,
 *                   QQ and Douyin; Alipay has none
 */
public record PlatformSession(Platform platform, String appid, String openid, Optional<String> unionid, Optional<SessionKey> sessionKey) {

    public PlatformSession {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(unionid, "unionid");
        Objects.requireNonNull(sessionKey, "sessionKey");
    }

    @Override
    public String toString() {
        return "PlatformSession[platform=" + platform.wireName() + ", appid=" + appid + ", openid=" + openid
                + ", unionid=" + unionid.orElse("none") + ", sessionKey=" + (sessionKey.isPresent() ? "***" : "none") + "]";
    }
}
