package dev.wxlogin.wechat.crypto;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code watermark} WeChat puts inside every encrypted payload.
 *
 * @param appid     the mini program the data was made for
 * @param timestamp when WeChat made it
 */
public record Watermark(String appid, Instant timestamp) {

    public Watermark {
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
