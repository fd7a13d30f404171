package dev.wxlogin.douyin;

import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.wechat.SessionKey;

/**
 * What code2Session gives for a login code.
 *
 * @param openid          the user's id within this mini program
 * @param sessionKey      the key that decrypts this user's encrypted data; keep it on the server
 * @param unionid         the user's id across the apps of the same developer account on this host app;
 *                        Douyin gives it for every code (it differs between developers and host apps)
 * @param anonymousOpenid the device's anonymous id, when an anonymous code was exchanged too
 */
public record DouyinSession(String openid, SessionKey sessionKey, Optional<String> unionid, Optional<String> anonymousOpenid) {

    public DouyinSession {
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(unionid, "unionid");
        Objects.requireNonNull(anonymousOpenid, "anonymousOpenid");
    }
}
