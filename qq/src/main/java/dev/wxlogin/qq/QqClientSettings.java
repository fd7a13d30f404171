package dev.wxlogin.qq;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import dev.wxlogin.wechat.api.WeChatClientSettings;

/**
 * How the core talks to QQ.
 *
 * @param baseUrl        QQ's API base, {@link #PRODUCTION}; the sandbox and tests point it elsewhere
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for a whole answer
 */
public record QqClientSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {

    /** QQ's production address for mini-program server APIs. */
    public static final URI PRODUCTION = URI.create("https://api.q.qq.com");

    public QqClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("baseUrl must be http or https: " + baseUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** 2 s to connect, 5 s for an answer. */
    public static QqClientSettings defaults(URI baseUrl) {
        return new QqClientSettings(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** The WeChat transport's settings for QQ: never retried, so no thread sleeps between attempts. */
    WeChatClientSettings asWeChatTransportSettings() {
        return new WeChatClientSettings(baseUrl, connectTimeout, requestTimeout, 0, Duration.ZERO);
    }
}
