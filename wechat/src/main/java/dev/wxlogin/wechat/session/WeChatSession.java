package dev.wxlogin.wechat.session;

import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.wechat.SessionKey;

/**
 * What code2Session gives for one login.
 *
 * @param openid     the user's id within this mini program
 * @param sessionKey the key that decrypts this user's encrypted data; keep it on the server
 * @param unionid    the user's id across the Open Platform account's apps, when the app is bound to one
 */
public record WeChatSession(String openid, SessionKey sessionKey, Optional<String> unionid) {

    public WeChatSession {
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(unionid, "unionid");
    }
}
