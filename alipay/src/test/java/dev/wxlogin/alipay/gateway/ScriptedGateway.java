package dev.wxlogin.alipay.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server that answers every request with a scripted status and body, and remembers the last
 * request's query and body: for the client's wire format and for answers the sandbox never gives.
 */
final class ScriptedGateway implements AutoCloseable {

    private final HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile byte[] body = new byte[0];
    private volatile boolean hang;
    volatile String lastQuery;
    volatile String lastBody;
    volatile String lastContentType;

    ScriptedGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                lastQuery = exchange.getRequestURI().getRawQuery();
                lastContentType = exchange.getRequestHeaders().getFirst("Content-Type");
                try (InputStream in = exchange.getRequestBody()) {
                    lastBody = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                if (hang) {
                    released.await();
                    return;
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do");
    }

    void answer(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    void answer(String body) {
        answer(200, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Never answers, until closed. */
    void hang() {
        hang = true;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
