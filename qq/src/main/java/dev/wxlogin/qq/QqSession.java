package dev.wxlogin.qq;

import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.wechat.SessionKey;

/**
 * What QQ's code2Session gives for one login.
 *
 * @param openid     the user's id within this mini program
 * @param sessionKey the key that decrypts this user's encrypted data; keep it on the server
 * @param unionid    the user's id across the apps of the same QQ 互联 (QQ Connect) account, when the app is bound to one
 */
public record QqSession(String openid, SessionKey sessionKey, Optional<String> unionid) {

    public QqSession {
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(unionid, "unionid");
    }
}
