package dev.wxlogin.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the core talks to WeChat.
 *
 * @param baseUrl        WeChat's API base, {@code https://api.weixin.qq.com} in production; the
 *                       sandbox and tests point it elsewhere
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for a whole answer
 * @param busyRetries    how many times a {@code -1 system busy} answer is retried (0 = never)
 * @param busyBackoff    the pause before the first retry; doubled for each further one
 */
public record WeChatClientSettings(
        URI baseUrl, Duration connectTimeout, Duration requestTimeout, int busyRetries, Duration busyBackoff) {

    /** WeChat's production address. */
    public static final URI PRODUCTION = URI.create("https://api.weixin.qq.com");

    public WeChatClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(busyBackoff, "busyBackoff");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("baseUrl must be http or https: " + baseUrl);
        }
        if (busyRetries < 0 || busyRetries > 5) {
            // More than a few retries only turns one busy answer into a long hang.
            throw new IllegalArgumentException("busyRetries must be between 0 and 5");
        }
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            baseUrl = URI.create(base.substring(0, base.length() - 1));
        }
    }

    /** Production defaults: 2 s to connect, 5 s for an answer, two retries 100 ms and 200 ms apart. */
    public static WeChatClientSettings defaults(URI baseUrl) {
        return new WeChatClientSettings(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(100));
    }
}
