package dev.wxlogin.qq;

import java.util.Objects;

/**
 * One QQ mini program's credentials, passed explicitly to every call.
 *
 * @param appid  the AppID, ten digits such as {@code 1112214148} (QQ 小程序开发者平台: 开发 › 开发设置)
 * @param secret the AppSecret; never printed by {@link #toString()}
 */
public record QqApp(String appid, String secret) {

    public QqApp {
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
        return "QqApp[appid=" + appid + ", secret=***]";
    }
}
