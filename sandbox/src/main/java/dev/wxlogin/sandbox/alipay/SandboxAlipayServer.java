package dev.wxlogin.sandbox.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A {@link SandboxAlipay} on its own HTTP port (loopback), serving {@link AlipayRoutes}; anything else
 * answers 404, anything unexpected 500 with the failure's type alone.
 */
public final class SandboxAlipayServer implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final SandboxAlipay alipay;
    private final AlipayRoutes routes;
    private final HttpServer server;
    private final ExecutorService executor;

    private SandboxAlipayServer(SandboxAlipay alipay, int port) throws IOException {
        this.alipay = alipay;
        this.routes = new AlipayRoutes(alipay);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        this.executor = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "sandbox-alipay");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Serves {@code alipay} on {@code port} (0: any free port); close it to free the port. */
    public static SandboxAlipayServer start(SandboxAlipay alipay, int port) throws IOException {
        SandboxAlipayServer running = new SandboxAlipayServer(alipay, port);
        running.server.start();
        return running;
    }

    /** Where to point the core's gateway URL. */
    public URI gatewayUrl() {
        return URI.create(baseUrl() + "/gateway.do");
    }

    /** The server's base address. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public SandboxAlipay alipay() {
        return alipay;
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            GatewayAnswer answer;
            if (body.length > MAX_BODY_BYTES) {
                answer = AlipayRoutes.reply(400, Map.of("error", "body too large"));
            } else {
                try {
                    answer = routes.answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"), body)
                            .orElseGet(() -> AlipayRoutes.reply(404, Map.of("error", "no such path in the sandbox Alipay")));
                } catch (RuntimeException e) {
                    answer = AlipayRoutes.reply(500, Map.of("error", e.getClass().getSimpleName()));
                }
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
