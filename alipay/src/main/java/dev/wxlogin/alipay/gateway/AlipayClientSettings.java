package dev.wxlogin.alipay.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the core talks to Alipay. There are no retries: a login waits for one answer, and the caller
 * decides what a {@link AlipayError.Category#TRANSIENT} error means for it.
 *
 * @param gatewayUrl     the OpenAPI gateway, {@value #PRODUCTION_URL} in production; the sandbox and tests
 *                       point it elsewhere
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for a whole answer
 */
public record AlipayClientSettings(URI gatewayUrl, Duration connectTimeout, Duration requestTimeout) {

    /** Alipay's production gateway. */
    public static final String PRODUCTION_URL = "https://openapi.alipay.com/gateway.do";
    /** Alipay's production gateway, as a URI. */
    public static final URI PRODUCTION = URI.create(PRODUCTION_URL);

    public AlipayClientSettings {
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!"http".equals(gatewayUrl.getScheme()) && !"https".equals(gatewayUrl.getScheme())) {
            throw new IllegalArgumentException("gatewayUrl must be http or https: " + gatewayUrl);
        }
        if (gatewayUrl.getRawQuery() != null || gatewayUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("gatewayUrl must not carry a query or fragment: " + gatewayUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** 2 s to connect, 5 s for an answer. */
    public static AlipayClientSettings defaults(URI gatewayUrl) {
        return new AlipayClientSettings(gatewayUrl, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}
