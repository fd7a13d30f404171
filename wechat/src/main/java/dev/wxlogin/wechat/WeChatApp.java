package dev.wxlogin.wechat;

import java.util.Objects;

/**
 * One mini program's credentials. Passed explicitly to every call, so one client serves any
 * number of apps without thread-local switching.
 *
 * @param appid  the mini program's AppID, e.g. {@code wx4f4bc4dec97d474b}
 * @param secret the AppSecret; never printed by {@link #toString()}
 */
public record WeChatApp(String appid, String secret) {

    public WeChatApp {
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(secret, "secret");
        if (appid.isBlank()) {
            throw new IllegalArgumentException("appid must not be blank");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
    }

    @Override
    public String toString() {
        return "WeChatApp[appid=" + appid + ", secret=***]";
    }
}
