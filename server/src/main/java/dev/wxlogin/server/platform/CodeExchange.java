package dev.wxlogin.server.platform;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiException;

/**
 * Turns what a page sent to log in into who logged in, on one platform: WeChat's and QQ's code2Session,
 * Douyin's v2 jscode2session, Alipay's {@code alipay.system.oauth.token}. Every call goes through the
 * platform's own outage guard.
 */
public interface CodeExchange {

    /** The platform this exchange serves. */
    Platform platform();

    /**
     * @param app   an app of {@link #platform()}
     * @param codes what the page sent
     * @return who logged in
     * @throws ApiException CODE_MISSING for a code missing or malformed (never sent); the platform's
     *                      {@code _UNAVAILABLE} code when its guard refused the call
     * @throws RuntimeException the platform core's exception, which {@code ApiErrorMapping} maps to the
     *                      platform's precise code (a bad code 401, our configuration 502, an outage 502/503/504)
     */
    PlatformSession exchange(MiniProgramApp app, LoginCodes codes);
}
