package dev.wxlogin.wechat.api;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The errcodes of WeChat's server APIs that this project answers precisely, each with the stable
 * code our own API reports for it. Anything else WeChat may say becomes {@link #OTHER}.
 */
public enum WeChatError {
    /** -1: WeChat is busy; retry shortly. */
    SYSTEM_BUSY(-1, "WX_BUSY"),
    /** 40029: the login (or phone) code is invalid or expired. */
    INVALID_CODE(40029, "WX_CODE_INVALID"),
    /** 40163: the code has already been used. Seen in practice, not in the official table. */
    CODE_ALREADY_USED(40163, "WX_CODE_USED"),
    /** 45011: frequency limit, 100 calls per user per minute. */
    RATE_LIMITED(45011, "WX_RATE_LIMITED"),
    /** 40226: high-risk user, WeChat blocks the login. */
    HIGH_RISK_USER(40226, "WX_USER_BLOCKED"),
    /** 40013: the appid is invalid; our configuration is wrong. */
    INVALID_APPID(40013, "WX_APPID_INVALID"),
    /** 40125: the app secret is invalid; our configuration is wrong. */
    INVALID_SECRET(40125, "WX_SECRET_INVALID"),
    /** 40001: the access_token is invalid or was replaced. */
    INVALID_CREDENTIAL(40001, "WX_ACCESS_TOKEN_INVALID"),
    /** 40014: the access_token is malformed. */
    INVALID_ACCESS_TOKEN(40014, "WX_ACCESS_TOKEN_INVALID"),
    /** 42001: the access_token expired. */
    ACCESS_TOKEN_EXPIRED(42001, "WX_ACCESS_TOKEN_EXPIRED"),
    /** 40003: the openid is not a user of this app. */
    INVALID_OPENID(40003, "WX_OPENID_INVALID"),
    /** 40164: this server's IP is not on the app's whitelist for access_token calls; our configuration is wrong. */
    IP_NOT_WHITELISTED(40164, "WX_IP_NOT_WHITELISTED"),
    /** 45009: the API's daily quota is used up (e.g. stable_token's 20 forced refreshes). */
    DAILY_LIMIT(45009, "WX_DAILY_LIMIT"),
    /** 87009: the session_key signature does not match; the key is stale. */
    INVALID_SIGNATURE(87009, "WX_SESSION_KEY_STALE"),
    /** Any errcode not listed here. */
    OTHER(Integer.MIN_VALUE, "WX_ERROR");

    private static final Map<Integer, WeChatError> BY_ERRCODE = Arrays.stream(values())
            .filter(e -> e != OTHER)
            .collect(Collectors.toUnmodifiableMap(WeChatError::errcode, Function.identity()));

    private final int errcode;
    private final String code;

    WeChatError(int errcode, String code) {
        this.errcode = errcode;
        this.code = code;
    }

    /** WeChat's numeric errcode ({@link Integer#MIN_VALUE} for {@link #OTHER}). */
    public int errcode() {
        return errcode;
    }

    /** Our stable code for it. */
    public String code() {
        return code;
    }

    /** The error for a non-zero errcode. */
    public static WeChatError of(int errcode) {
        return BY_ERRCODE.getOrDefault(errcode, OTHER);
    }

    /** Whether a fresh access_token may make the same call succeed. */
    public boolean isStaleAccessToken() {
        return this == INVALID_CREDENTIAL || this == INVALID_ACCESS_TOKEN || this == ACCESS_TOKEN_EXPIRED;
    }
}
