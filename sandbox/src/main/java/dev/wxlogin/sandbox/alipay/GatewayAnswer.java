package dev.wxlogin.sandbox.alipay;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer of the sandbox Alipay, for whichever server carries it.
 *
 * @param status      the HTTP status
 * @param contentType its content type, charset included
 * @param body        the bytes
 */
public record GatewayAnswer(int status, String contentType, byte[] body) {

    /** Alipay's gateway serves its JSON as {@code text/html;charset=utf-8}. */
    static GatewayAnswer gateway(String json) {
        return new GatewayAnswer(200, "text/html;charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The HTML page a load balancer answers when the gateway is down. */
    static GatewayAnswer badGateway() {
        return new GatewayAnswer(502, "text/html;charset=utf-8",
                "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
    }

    /** The body as text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
