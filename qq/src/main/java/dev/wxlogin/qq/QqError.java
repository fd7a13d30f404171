package dev.wxlogin.qq;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The errcodes of QQ's code2Session, each with the stable code our own API reports for it (see
 * docs/platforms/qq.md for the sources). Anything else becomes {@link #OTHER}.
 */
public enum QqError {
    /** -1: 系统繁忙 (documented); the code is not spent, the page may try again. */
    SYSTEM_BUSY(-1, "QQ_BUSY"),
    /** 40029: the code is invalid (documented); QQ documents no separate "used" error. */
    INVALID_CODE(40029, "QQ_CODE_INVALID"),
    /** 45011: frequency limit, 100 calls per user per minute (documented). */
    RATE_LIMITED(45011, "QQ_RATE_LIMITED"),
    /** 40013: WeChat's "invalid appid"; not in QQ's table, kept for when QQ answers as WeChat does. */
    INVALID_APPID(40013, "QQ_APPID_INVALID"),
    /** 40125: WeChat's "invalid appsecret"; not in QQ's table, kept for when QQ answers as WeChat does. */
    INVALID_SECRET(40125, "QQ_SECRET_INVALID"),
    /** Any errcode not listed here (e.g. the undocumented -1009 seen in the wild). */
    OTHER(Integer.MIN_VALUE, "QQ_ERROR");

    private static final Map<Integer, QqError> BY_ERRCODE = Arrays.stream(values())
            .filter(e -> e != OTHER)
            .collect(Collectors.toUnmodifiableMap(QqError::errcode, Function.identity()));

    private final int errcode;
    private final String code;

    QqError(int errcode, String code) {
        this.errcode = errcode;
        this.code = code;
    }

    /** QQ's numeric errcode ({@link Integer#MIN_VALUE} for {@link #OTHER}). */
    public int errcode() {
        return errcode;
    }

    /** Our stable code for it. */
    public String code() {
        return code;
    }

    /** The error for a non-zero errcode. */
    public static QqError of(int errcode) {
        return BY_ERRCODE.getOrDefault(errcode, OTHER);
    }

    /** Whether the fault is in our configuration (appid, secret), not in what the user sent. */
    public boolean isOurConfiguration() {
        return this == INVALID_APPID || this == INVALID_SECRET;
    }
}
