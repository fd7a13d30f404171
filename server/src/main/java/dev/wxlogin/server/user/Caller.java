package dev.wxlogin.server.user;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.wechat.WeChatApp;

/**
 * The caller of an endpoint that needs an access token, resolved once per request by the security
 * layer: a handler declares a {@code Caller} parameter and receives it, already checked.
 *
 * @param user          the token's user as stored now; never disabled
 * @param app           the mini program the token was issued for (the request named no other), on its platform
 * @param sessionId     the login the token descends from (its {@code sid}: the refresh-token family),
 *                      or {@code null} for a token issued before tokens carried one
 * @param clientAddress the client's address, as rate limits count it
 */
public record Caller(UserAccount user, MiniProgramApp app, String sessionId, String clientAddress) {

    /** Our id of the caller's user. */
    public long userId() {
        return user.id();
    }

    /** The caller's app's platform. */
    public Platform platform() {
        return app.platform();
    }

    /**
     * The caller's app, for an endpoint that serves WeChat mini programs only.
     *
     * @throws ApiException PLATFORM_UNSUPPORTED when the caller's app is on another platform
     */
    public WeChatApp weChatApp() {
        if (app.platform() != Platform.WECHAT) {
            throw new ApiException(ApiError.PLATFORM_UNSUPPORTED, "this endpoint serves WeChat mini programs only");
        }
        return app.weChatApp();
    }

    /** The appid of the caller's mini program, whatever its platform. */
    public String appid() {
        return app.appid();
    }

    @Override
    public String toString() {
        return "Caller[user=" + user.id() + ", app=" + app + ", sessionId=" + sessionId + "]";
    }
}
