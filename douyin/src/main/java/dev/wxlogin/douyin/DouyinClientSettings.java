package dev.wxlogin.douyin;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the core talks to Douyin.
 *
 * @param baseUrl        Douyin's API base: {@link #PRODUCTION}, {@link #DOUYIN_SANDBOX} for Douyin's own
 *                       sandbox apps, or this project's sandbox in tests and demos
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for a whole answer
 */
public record DouyinClientSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {

    /** Douyin's production address for mini-program login. */
    public static final URI PRODUCTION = URI.create("https://developer.toutiao.com");
    /** Douyin's own sandbox environment (沙盒), for apps created in it: the same paths on another host. */
    public static final URI DOUYIN_SANDBOX = URI.create("https://open-sandbox.douyin.com");

    public DouyinClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("baseUrl must be http or https: " + baseUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            baseUrl = URI.create(base.substring(0, base.length() - 1));
        }
    }

    /** 2 s to connect, 5 s for an answer. */
    public static DouyinClientSettings defaults(URI baseUrl) {
        return new DouyinClientSettings(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}
