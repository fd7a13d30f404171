package dev.wxlogin.wechat.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that answers with scripted bytes, for the transport's own tests:
 * it shows exactly what went over the wire. The full WeChat stand-in is the sandbox module.
 */
public final class ScriptedWeChat implements AutoCloseable {

    record Answer(int status, String contentType, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<String> rawRequests = new ArrayList<>();

    public ScriptedWeChat() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Answer answer;
            synchronized (this) {
                rawRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                        + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer = answers.isEmpty() ? new Answer(200, "text/plain", "{}", 0) : answers.poll();
            }
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the client gave up waiting (timeout tests)
            }
        });
        server.start();
    }

    public synchronized ScriptedWeChat then(int status, String contentType, String body) {
        answers.add(new Answer(status, contentType, body, 0));
        return this;
    }

    public synchronized ScriptedWeChat thenJson(String body) {
        return then(200, "text/plain", body);
    }

    /** Then an answer that issues {@code token} for 7200 s, as getAccessToken and getStableAccessToken do. */
    public ScriptedWeChat thenAccessToken(String token) {
        return thenJson("{\"access_token\":\"" + token + "\",\"expires_in\":7200}");
    }

    public synchronized ScriptedWeChat thenSlow(long delayMillis, String body) {
        answers.add(new Answer(200, "text/plain", body, delayMillis));
        return this;
    }

    public synchronized List<String> requests() {
        return List.copyOf(rawRequests);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
