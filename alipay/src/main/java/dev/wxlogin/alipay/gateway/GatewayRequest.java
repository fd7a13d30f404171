package dev.wxlogin.alipay.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One OpenAPI call: its {@code method} and its application parameters (for
 * {@code alipay.system.oauth.token}, {@code grant_type} and {@code code}, sent as parameters of their own
 * rather than inside {@code biz_content}).
 *
 * @param method     e.g. {@code alipay.system.oauth.token}
 * @param parameters the application parameters, in the order given
 */
public record GatewayRequest(String method, Map<String, String> parameters) {

    public GatewayRequest {
        Objects.requireNonNull(method, "method");
        if (!method.matches("[a-z0-9]+(\\.[a-z0-9]+)+")) {
            throw new IllegalArgumentException("not an OpenAPI method name: " + method);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The key of the answer's node: the method with dots as underscores, then {@code _response}. */
    public String responseNode() {
        return method.replace('.', '_') + "_response";
    }

    @Override
    public String toString() {
        // Parameter values (auth codes, tokens) are credentials: names only.
        return "GatewayRequest[method=" + method + ", parameters=" + parameters.keySet() + "]";
    }
}
