package dev.wxlogin.server.user;

import dev.wxlogin.wechat.WeChatApp;

/**
 * The caller of an endpoint that needs an access token, resolved once per request by the security
 * layer: a handler declares a {@code Caller} parameter and receives it, already checked.
 *
 * @param user          the token's user as stored now; never disabled
 * @param app           the mini program the token was issued for (the request named no other)
 * @param sessionId     the login the token descends from (its {@code sid}: the refresh-token family),
 *                      or {@code null} for a token issued before tokens carried one
 * @param clientAddress the client's address, as rate limits count it
 */
public record Caller(UserAccount user, WeChatApp app, String sessionId, String clientAddress) {

    /** Our id of the caller's user. */
    public long userId() {
        return user.id();
    }

    @Override
    public String toString() {
        return "Caller[user=" + user.id() + ", appid=" + app.appid() + ", sessionId=" + sessionId + "]";
    }
}
