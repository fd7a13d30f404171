package dev.wxlogin.server.session;

/** The access-token claims of ours beyond JWT's own and {@code appid}/{@code openid}. */
public final class SessionClaims {

    /** {@code sid}: the id of the login session (refresh-token family) the token was issued in. */
    public static final String SESSION_ID = "sid";

    /**
     * {@code plt}: the platform of the token's app ({@code wechat}, {@code douyin}, {@code alipay}, {@code qq}).
     * Tokens issued before tokens carried it have none; their app is a WeChat one.
     */
    public static final String PLATFORM = "plt";

    private SessionClaims() {
    }
}
