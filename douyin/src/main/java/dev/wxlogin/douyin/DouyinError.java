package dev.wxlogin.douyin;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code err_no} values of Douyin's code2Session, each with the stable code our own API reports
 * for it (see docs/platforms/douyin.md for the sources). Anything else becomes {@link #OTHER}.
 */
public enum DouyinError {
    /** -1: 系统错误, Douyin failed; the codes may still be good, so the page may try again. */
    SYSTEM_ERROR(-1, "DOUYIN_BUSY"),
    /** 40014: bad parameters (neither code given); never sent by this core, so a bug if seen. */
    BAD_PARAMS(40014, "DOUYIN_BAD_REQUEST"),
    /** 40015: the appid is wrong; our configuration is. */
    INVALID_APPID(40015, "DOUYIN_APPID_INVALID"),
    /** 40017: the secret is wrong; our configuration is. */
    INVALID_SECRET(40017, "DOUYIN_SECRET_INVALID"),
    /** 40018: the login code is invalid, used or expired. */
    INVALID_CODE(40018, "DOUYIN_CODE_INVALID"),
    /** 40019: the anonymous code is invalid, used or expired. */
    INVALID_ANONYMOUS_CODE(40019, "DOUYIN_ANONYMOUS_CODE_INVALID"),
    /** Any err_no not listed here. */
    OTHER(Long.MIN_VALUE, "DOUYIN_ERROR");

    private static final Map<Long, DouyinError> BY_ERR_NO = Arrays.stream(values())
            .filter(e -> e != OTHER)
            .collect(Collectors.toUnmodifiableMap(DouyinError::errNo, Function.identity()));

    private final long errNo;
    private final String code;

    DouyinError(long errNo, String code) {
        this.errNo = errNo;
        this.code = code;
    }

    /** Douyin's numeric err_no ({@link Long#MIN_VALUE} for {@link #OTHER}). */
    public long errNo() {
        return errNo;
    }

    /** Our stable code for it. */
    public String code() {
        return code;
    }

    /** The error for a non-zero err_no. */
    public static DouyinError of(long errNo) {
        return BY_ERR_NO.getOrDefault(errNo, OTHER);
    }

    /** Whether the fault is in our configuration (appid, secret) or request, not in what the user sent. */
    public boolean isOurConfiguration() {
        return this == INVALID_APPID || this == INVALID_SECRET || this == BAD_PARAMS;
    }

    /** Whether the user's codes are at fault: the page should call {@code tt.login()} again. */
    public boolean isBadCode() {
        return this == INVALID_CODE || this == INVALID_ANONYMOUS_CODE;
    }
}
