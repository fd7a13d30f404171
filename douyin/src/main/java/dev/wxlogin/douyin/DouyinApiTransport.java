package dev.wxlogin.douyin;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Objects;

import dev.wxlogin.douyin.DouyinUnavailableException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs JSON to Douyin's mini-program API and turns every answer into either its {@code data} object or
 * one of the core's exceptions. Douyin's answers are {@code {err_no, err_tips, log_id, data}}; an
 * {@code err_no} other than 0 wins over everything else, whatever the HTTP status. Never retries: the
 * caller decides, without blocking a thread here. Thread-safe; share one per process.
 */
public final class DouyinApiTransport {

    /** Douyin's answers are small; anything larger is not Douyin. */
    private static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private final DouyinClientSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = JsonMapper.builder().build();

    public DouyinApiTransport(DouyinClientSettings settings) {
        this(settings, HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** For callers that manage their own {@link HttpClient} (proxies, TLS settings, executors). */
    public DouyinApiTransport(DouyinClientSettings settings, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
    }

    public DouyinClientSettings settings() {
        return settings;
    }

    /**
     * POSTs {@code body} as JSON to {@code path} and returns the answer's {@code data} object.
     *
     * @param body a JSON-serializable value; it may hold the app secret, so it is never logged or quoted
     * @throws DouyinApiException         Douyin answered a non-zero err_no
     * @throws DouyinUnavailableException Douyin could not be reached, timed out, or answered nonsense
     */
    public JsonNode postJson(String path, Object body) {
        Objects.requireNonNull(body, "body");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new DouyinUnavailableException(Kind.UNREACHABLE, "cannot connect to Douyin for " + path, e);
        } catch (HttpTimeoutException e) {
            throw new DouyinUnavailableException(Kind.TIMEOUT,
                    "Douyin did not answer " + path + " within " + settings.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new DouyinUnavailableException(Kind.UNREACHABLE,
                    "connection to Douyin failed for " + path + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DouyinUnavailableException(Kind.UNREACHABLE, "interrupted while calling Douyin", e);
        }
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw badResponse("Douyin's answer to " + path + " is too large");
        }
        JsonNode answer = parseObject(bytes);
        JsonNode errNo = answer == null ? null : answer.get("err_no");
        if (errNo != null && errNo.isIntegralNumber() && errNo.canConvertToLong() && errNo.asLong() != 0) {
            JsonNode tips = answer.get("err_tips");
            throw new DouyinApiException(errNo.asLong(), tips != null && tips.isString() ? tips.asString() : null);
        }
        if (response.statusCode() != 200) {
            throw badResponse("Douyin answered HTTP " + response.statusCode() + " for " + path);
        }
        if (answer == null) {
            throw badResponse("Douyin's answer to " + path + " is not a JSON object");
        }
        if (errNo == null || !errNo.isIntegralNumber()) {
            throw badResponse("Douyin answered " + path + " without err_no");
        }
        JsonNode data = answer.get("data");
        if (data == null || !data.isObject()) {
            throw badResponse("Douyin answered " + path + " without a data object");
        }
        return data;
    }

    /** The body as a JSON object, or {@code null} when it is not one. */
    private JsonNode parseObject(byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            // Not chained or quoted: the parser's message would quote the body.
            return null;
        }
    }

    private static DouyinUnavailableException badResponse(String message) {
        return new DouyinUnavailableException(Kind.BAD_RESPONSE, message, null);
    }
}
