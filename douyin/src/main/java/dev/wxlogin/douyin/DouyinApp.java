package dev.wxlogin.douyin;

import java.util.Objects;

/**
 * One Douyin mini program's credentials, passed explicitly to every call so that one client serves
 * any number of apps.
 *
 * @param appid  the AppID, e.g. {@code tt5daf2b12345677910} (console: 开发 › 开发配置)
 * @param secret the AppSecret; never printed by {@link #toString()}
 */
public record DouyinApp(String appid, String secret) {

    public DouyinApp {
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
        return "DouyinApp[appid=" + appid + ", secret=***]";
    }
}
