package dev.wxlogin.wechat.api;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link WeChatRequest}s to WeChat and turns every answer into either a JSON object with no
 * errcode, or one of the core's exceptions. Thread-safe; share one per process.
 *
 * <p>WeChat serves JSON as {@code text/plain} and sometimes answers success with
 * {@code errcode: 0}, sometimes with no errcode at all; both count as success. A {@code -1}
 * answer is retried a bounded number of times with a short doubling pause, and only when the
 * request allows it.
 */
public final class WeChatApiTransport {

    private static final System.Logger LOG = System.getLogger(WeChatApiTransport.class.getName());
    /** WeChat's answers are small; anything larger is not WeChat. */
    private static final int MAX_RESPONSE_BYTES = 256 * 1024;
    /** Mini-program codes are some tens of kilobytes at the largest width. */
    private static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;

    private final WeChatClientSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;

    public WeChatApiTransport(WeChatClientSettings settings) {
        this(settings, HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** For callers that manage their own {@link HttpClient} (proxies, TLS settings, executors). */
    public WeChatApiTransport(WeChatClientSettings settings, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.json = JsonMapper.builder().build();
    }

    public WeChatClientSettings settings() {
        return settings;
    }

    /**
     * Sends the request and returns WeChat's JSON answer.
     *
     * @throws WeChatApiException         WeChat answered a non-zero errcode
     * @throws WeChatUnavailableException WeChat could not be reached, timed out, or answered nonsense
     */
    public JsonNode send(WeChatRequest request) {
        int retriesLeft = request.retryOnBusy() ? settings.busyRetries() : 0;
        Duration pause = settings.busyBackoff();
        while (true) {
            JsonNode answer = sendOnce(request);
            int errcode = answer.path("errcode").asInt(0);
            if (errcode == 0) {
                return answer;
            }
            WeChatApiException failure = new WeChatApiException(errcode, answer.path("errmsg").asString(null));
            if (failure.error() != WeChatError.SYSTEM_BUSY || retriesLeft == 0) {
                throw failure;
            }
            LOG.log(System.Logger.Level.INFO, "WeChat busy on {0}, retrying in {1} ms ({2} retries left)",
                    request.path(), pause.toMillis(), retriesLeft);
            sleep(pause);
            retriesLeft--;
            pause = pause.multipliedBy(2);
        }
    }

    /**
     * Sends a request that WeChat answers with an image on success and a JSON errcode on failure
     * (e.g. {@code wxa/getwxacodeunlimit}); never retried.
     *
     * @return the image's bytes
     * @throws WeChatApiException         WeChat answered an errcode
     * @throws WeChatUnavailableException WeChat could not be reached, timed out, or answered nonsense
     */
    public byte[] sendForImage(WeChatRequest request) {
        Raw raw = exchange(request, MAX_IMAGE_BYTES, "image/*, application/json");
        if (raw.contentType().startsWith("image/")) {
            return raw.body();
        }
        JsonNode answer = json(raw.body(), request);
        int errcode = answer.path("errcode").asInt(0);
        if (errcode == 0) {
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "WeChat answered " + request.path() + " without an image", null);
        }
        throw new WeChatApiException(errcode, answer.path("errmsg").asString(null));
    }

    private JsonNode sendOnce(WeChatRequest request) {
        return json(exchange(request, MAX_RESPONSE_BYTES, "application/json").body(), request);
    }

    private record Raw(String contentType, byte[] body) {
    }

    private Raw exchange(WeChatRequest request, int maxBytes, String accept) {
        HttpRequest.Builder http = HttpRequest.newBuilder(uri(request))
                .timeout(settings.requestTimeout())
                .header("Accept", accept);
        if (request.jsonBody() == null) {
            http.GET();
        } else {
            http.header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request.jsonBody())));
        }
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = this.http.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(maxBytes + 1);
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new WeChatUnavailableException(Kind.UNREACHABLE, "cannot connect to WeChat for " + request.path(), e);
        } catch (HttpTimeoutException e) {
            throw new WeChatUnavailableException(Kind.TIMEOUT,
                    "WeChat did not answer " + request.path() + " within " + settings.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new WeChatUnavailableException(Kind.UNREACHABLE,
                    "connection to WeChat failed for " + request.path() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailableException(Kind.UNREACHABLE, "interrupted while calling WeChat", e);
        }
        if (response.statusCode() != 200) {
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE,
                    "WeChat answered HTTP " + response.statusCode() + " for " + request.path(), null);
        }
        if (body.length > maxBytes) {
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "WeChat's answer to " + request.path() + " is too large", null);
        }
        return new Raw(response.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT), body);
    }

    private JsonNode json(byte[] body, WeChatRequest request) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "WeChat's answer to " + request.path() + " is not a JSON object", null);
            }
            return node;
        } catch (JacksonException e) {
            // Deliberately not chained: the parser's message quotes the body.
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "WeChat's answer to " + request.path() + " is not JSON", null);
        }
    }

    private URI uri(WeChatRequest request) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (Map.Entry<String, String> p : request.query().entrySet()) {
            query.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(settings.baseUrl() + request.path() + query);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailableException(Kind.UNREACHABLE, "interrupted while waiting to retry WeChat", e);
        }
    }
}
