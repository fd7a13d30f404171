package dev.wxlogin.sandbox;

import java.util.Objects;

/**
 * One failure the sandbox plays instead of (or before) a normal answer.
 *
 * @param kind        what to do
 * @param errcode     the errcode to answer, for {@link Kind#ERRCODE}
 * @param delayMillis how long to stall, for {@link Kind#SLOW}
 */
public record Fault(Kind kind, int errcode, long delayMillis) {

    /** The kinds of trouble WeChat has been seen to cause. */
    public enum Kind {
        /** Answer {@code {"errcode": N, "errmsg": ...}} with HTTP 200, as WeChat does. */
        ERRCODE,
        /** Answer an HTML error page with HTTP 502, as WeChat's gateway does under load. */
        HTML_502,
        /** Stall, then answer normally. */
        SLOW,
        /** Close the connection without a byte of answer: the client reads an end of stream. */
        CLOSE,
        /** Reset the connection (TCP RST) without a byte of answer. */
        RESET
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (delayMillis < 0 || delayMillis > 120_000) {
            throw new IllegalArgumentException("delayMillis must be between 0 and 120000");
        }
    }

    public static Fault errcode(int errcode) {
        return new Fault(Kind.ERRCODE, errcode, 0);
    }

    public static Fault html502() {
        return new Fault(Kind.HTML_502, 0, 0);
    }

    public static Fault slow(long delayMillis) {
        return new Fault(Kind.SLOW, 0, delayMillis);
    }

    public static Fault close() {
        return new Fault(Kind.CLOSE, 0, 0);
    }

    public static Fault reset() {
        return new Fault(Kind.RESET, 0, 0);
    }
}
