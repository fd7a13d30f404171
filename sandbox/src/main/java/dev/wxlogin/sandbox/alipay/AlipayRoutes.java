package dev.wxlogin.sandbox.alipay;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox Alipay's HTTP paths, for whichever server carries them ({@link SandboxAlipayServer} on its own,
 * or the main sandbox beside WeChat's paths):
 *
 * <ul>
 *   <li>{@code POST /gateway.do}: the OpenAPI gateway, {@link AlipayGateway}.</li>
 *   <li>{@code POST /sandbox/phone/alipay/login} {@code {"user": "alice", "appid"?: "..."}}: the phone's
 *       login, {@link SimulatedAlipayPhone#login}.</li>
 *   <li>{@code POST /sandbox/phone/alipay/phone-number} {@code {"user", "mobile", "appid"?, "fault"?}}:
 *       {@code my.getPhoneNumber}'s {@code response}, {@link SimulatedAlipayPhone#getPhoneNumber}.</li>
 * </ul>
 *
 * Bad input to a {@code /sandbox/...} path answers 400 with its reason.
 */
public final class AlipayRoutes {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final SandboxAlipay alipay;

    public AlipayRoutes(SandboxAlipay alipay) {
        this.alipay = alipay;
    }

    /**
     * The answer to a request, or empty when the path is not one of the sandbox Alipay's.
     *
     * @param method      the HTTP method
     * @param path        the request's path
     * @param rawQuery    its raw query string, or null
     * @param contentType its Content-Type, or null
     * @param body        its body
     */
    public Optional<GatewayAnswer> answer(String method, String path, String rawQuery, String contentType, byte[] body) {
        String route = method + " " + path;
        try {
            return Optional.ofNullable(switch (route) {
                case "POST /gateway.do" -> alipay.gateway().handle(rawQuery, contentType, body);
                case "POST /sandbox/phone/alipay/login" -> {
                    JsonNode request = json(body);
                    yield reply(200, alipay.phone().login(optional(request, "appid"), optional(request, "user")));
                }
                case "POST /sandbox/phone/alipay/phone-number" -> {
                    JsonNode request = json(body);
                    SimulatedAlipayPhone.PagePhoneNumber phone = alipay.phone().getPhoneNumber(optional(request, "appid"),
                            optional(request, "user"), optional(request, "mobile"), fault(optional(request, "fault")));
                    yield reply(200, Map.of("response", phone.response()));
                }
                default -> null;
            });
        } catch (IllegalArgumentException e) {
            return Optional.of(reply(400, Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private static SimulatedAlipayPhone.PhoneNumberFault fault(String name) {
        if (name == null) {
            return SimulatedAlipayPhone.PhoneNumberFault.NONE;
        }
        try {
            return SimulatedAlipayPhone.PhoneNumberFault.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault must be one of " + java.util.Arrays.toString(SimulatedAlipayPhone.PhoneNumberFault.values()));
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (!node.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
    }

    private static String optional(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || !value.isString() ? null : value.stringValue();
    }

    static GatewayAnswer reply(int status, Object body) {
        return new GatewayAnswer(status, "application/json; charset=utf-8", JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }
}
