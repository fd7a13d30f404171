package dev.wxlogin.alipay.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.gateway.AlipayUnavailableException.Kind;
import dev.wxlogin.alipay.sign.Rsa2Signature;
import dev.wxlogin.alipay.sign.SignContent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Alipay's OpenAPI gateway as alipay-sdk-java's {@code DefaultAlipayClient} does, and turns every
 * answer into either the method's verified answer node or one of the core's exceptions. Thread-safe;
 * share one per process.
 *
 * <p>The request: the common parameters ({@code app_id, method, format=JSON, charset=utf-8,
 * sign_type=RSA2, timestamp, version=1.0}) and the application parameters are signed together (see
 * {@link SignContent}); the common parameters and {@code sign} travel in the query string, the application
 * parameters in an {@code application/x-www-form-urlencoded} body, all form-encoded in UTF-8.
 * {@code timestamp} is Beijing time (UTC+8), {@code yyyy-MM-dd HH:mm:ss}.
 *
 * <p>The answer: the method's node (or {@code error_response}) is verified with the app's Alipay public key
 * over its exact text before anything in it is read. A successful answer without a signature is refused;
 * an error without one is reported as the error it is (Alipay does not sign every gateway error, and an
 * error grants nothing).
 */
public final class AlipayGatewayClient {

    /** Alipay's {@code code} for success, where an answer carries one. */
    public static final String SUCCESS_CODE = "10000";
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.ofHours(8));

    private final AlipayClientSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json;

    public AlipayGatewayClient(AlipayClientSettings settings) {
        this(settings, HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), Clock.systemUTC());
    }

    /** For callers that manage their own {@link HttpClient} (proxies, TLS), or a test clock. */
    public AlipayGatewayClient(AlipayClientSettings settings, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        // A duplicated member could make the verified node and the one read differ: refuse such bodies.
        this.json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    public AlipayClientSettings settings() {
        return settings;
    }

    /**
     * Sends the request and returns the method's answer node, verified.
     *
     * @throws AlipayApiException         Alipay answered an error
     * @throws AlipaySignatureException   the answer's signature does not prove it is Alipay's
     * @throws AlipayUnavailableException Alipay could not be reached, timed out, or answered nonsense
     */
    public JsonNode call(AlipayApp app, GatewayRequest request) {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("app_id", app.appId());
        common.put("method", request.method());
        common.put("format", "JSON");
        common.put("charset", "utf-8");
        common.put("sign_type", Rsa2Signature.SIGN_TYPE);
        common.put("timestamp", TIMESTAMP.format(clock.instant()));
        common.put("version", "1.0");
        Map<String, String> signed = new LinkedHashMap<>(common);
        for (Map.Entry<String, String> p : request.parameters().entrySet()) {
            if (signed.putIfAbsent(p.getKey(), p.getValue()) != null || "sign".equals(p.getKey())) {
                throw new IllegalArgumentException("application parameter " + p.getKey() + " collides with a common one");
            }
        }
        common.put("sign", Rsa2Signature.sign(SignContent.of(signed), app.appPrivateKey()));

        String body = exchange(URI.create(settings.gatewayUrl() + "?" + form(common)), form(request.parameters()), request);
        return verifiedNode(app, request, body);
    }

    private JsonNode verifiedNode(AlipayApp app, GatewayRequest request, String body) {
        JsonNode root = parse(body, request);
        ResponseEnvelope envelope = ResponseEnvelope.find(body, request.responseNode())
                .orElseThrow(() -> new AlipayUnavailableException(Kind.BAD_RESPONSE,
                        "Alipay's answer to " + request.method() + " has neither " + request.responseNode() + " nor error_response", null));
        JsonNode node = parse(envelope.nodeText(), request);
        String code = text(node, "code");
        boolean error = ResponseEnvelope.ERROR_NODE.equals(envelope.nodeName()) || code != null && !SUCCESS_CODE.equals(code);

        String sign = text(root, "sign");
        if (sign != null && !sign.isEmpty()) {
            if (!verifies(envelope.nodeText(), sign, app)) {
                throw new AlipaySignatureException(AlipaySignatureException.Reason.RESPONSE_SIGNATURE_INVALID,
                        "the signature of Alipay's answer to " + request.method() + " for app " + app.appId()
                                + " does not verify with the configured Alipay public key");
            }
        } else if (!error) {
            throw new AlipaySignatureException(AlipaySignatureException.Reason.RESPONSE_UNSIGNED,
                    "Alipay's answer to " + request.method() + " for app " + app.appId() + " is not signed");
        }
        if (error) {
            throw new AlipayApiException(code, text(node, "msg"), text(node, "sub_code"), text(node, "sub_msg"));
        }
        return node;
    }

    private static boolean verifies(String content, String sign, AlipayApp app) {
        if (Rsa2Signature.verify(content, sign, app.alipayPublicKey())) {
            return true;
        }
        // As alipay-sdk-java does: some answers escape '/' as "\/" in the text but sign it unescaped.
        return content.contains("\\/") && Rsa2Signature.verify(content.replace("\\/", "/"), sign, app.alipayPublicKey());
    }

    private String exchange(URI uri, String formBody, GatewayRequest request) {
        HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .header("Accept", "application/json, text/plain, */*")
                .POST(HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new AlipayUnavailableException(Kind.UNREACHABLE, "cannot connect to Alipay for " + request.method(), e);
        } catch (HttpTimeoutException e) {
            throw new AlipayUnavailableException(Kind.TIMEOUT,
                    "Alipay did not answer " + request.method() + " within " + settings.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new AlipayUnavailableException(Kind.UNREACHABLE,
                    "connection to Alipay failed for " + request.method() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlipayUnavailableException(Kind.UNREACHABLE, "interrupted while calling Alipay", e);
        }
        if (response.statusCode() != 200) {
            throw new AlipayUnavailableException(Kind.BAD_RESPONSE,
                    "Alipay answered HTTP " + response.statusCode() + " for " + request.method(), null);
        }
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw new AlipayUnavailableException(Kind.BAD_RESPONSE, "Alipay's answer to " + request.method() + " is too large", null);
        }
        try {
            // We asked for charset=utf-8, and the signature covers the characters: refuse anything else.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AlipayUnavailableException(Kind.BAD_RESPONSE, "Alipay's answer to " + request.method() + " is not UTF-8", null);
        }
    }

    private JsonNode parse(String text, GatewayRequest request) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new AlipayUnavailableException(Kind.BAD_RESPONSE, "Alipay's answer to " + request.method() + " is not a JSON object", null);
            }
            return node;
        } catch (JacksonException e) {
            // Deliberately not chained: the parser's message quotes the body.
            throw new AlipayUnavailableException(Kind.BAD_RESPONSE, "Alipay's answer to " + request.method() + " is not JSON", null);
        }
    }

    /** A member as text (Alipay sends numbers as strings in some answers and as numbers in others); null when absent. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }

    private static String form(Map<String, String> parameters) {
        StringJoiner form = new StringJoiner("&");
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            form.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return form.toString();
    }
}
