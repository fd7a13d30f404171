package dev.wxlogin.wechat.token;

/** Which of WeChat's two access_token APIs to use. */
public enum AccessTokenEndpoint {
    /**
     * {@code POST /cgi-bin/stable_token}: asking again returns the same token while it is valid, so
     * several servers can ask independently without knocking each other's token out. The default.
     */
    STABLE,
    /**
     * {@code GET /cgi-bin/token}: every call issues a new token and the previous one dies five
     * minutes later, so only one party per app may ever call it. For apps that must keep it.
     */
    LEGACY
}
