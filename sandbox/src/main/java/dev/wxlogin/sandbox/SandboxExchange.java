package dev.wxlogin.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** One request to the sandbox: what it asks, and the ways to answer it (or not). */
final class SandboxExchange {

    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpExchange exchange;
    private final ConnectionFront front;
    private boolean answered;

    SandboxExchange(HttpExchange exchange, ConnectionFront front) {
        this.exchange = exchange;
        this.front = front;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    /** The query string as sent, or null. */
    String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    /** A request header, or null. */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The query parameters, URL-decoded; the first of a repeated name wins. */
    Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** The body's bytes, at most 64 KiB. */
    byte[] rawBody() {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadSandboxRequest("body too large");
        }
        return bytes;
    }

    /** The body of a {@code /sandbox/...} call: a JSON object, empty when no body was sent. */
    JsonNode jsonBody() {
        byte[] bytes = rawBody();
        try {
            JsonNode node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (!node.isObject()) {
                throw new BadSandboxRequest("body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadSandboxRequest("body is not JSON");
        }
    }

    /** A field of a {@code /sandbox/...} body that must be a short non-blank string. */
    static String requireText(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isString() || value.asString().isBlank() || value.asString().length() > 200) {
            throw new BadSandboxRequest(field + " must be a non-blank string of at most 200 characters");
        }
        return value.asString();
    }

    void answer(SandboxReply reply) throws IOException {
        answered = true;
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    /** Closes the connection before a byte of the answer: the client reads an end of stream. */
    void closeWithoutAnswer() {
        answered = true;
        exchange.close();
    }

    /** Resets the client's connection (TCP RST) before a byte of the answer. */
    void reset() {
        answered = true;
        front.reset(exchange.getRemoteAddress().getPort());
        exchange.close();
    }

    boolean answered() {
        return answered;
    }
}
