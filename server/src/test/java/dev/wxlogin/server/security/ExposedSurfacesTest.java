package dev.wxlogin.server.security;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.config.WxLoginProperties;

/**
 * What the service port shows an attacker: no metrics, no Host-header reflection in the API
 * documents, no error page that logs, and Tomcat's own refusals in our JSON shape (over a raw
 * socket, as no HTTP client sends such requests).
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class ExposedSurfacesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    WxLoginProperties properties;

    @Fixture HttpTestClient client;

    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void metricsAreNotServedOnTheServicePort() {
        String token = TestLogins.loginNew(client, phone, appid, "metrics").accessToken();

        assertError(client.get("/actuator/prometheus"), 401, "TOKEN_MISSING");
        assertError(client.get("/actuator/prometheus", token), 404, "NOT_FOUND");
        assertError(client.get("/actuator/info", token), 404, "NOT_FOUND");
        assertThat(client.get("/actuator/health").status()).isEqualTo(200);
        assertThat(client.get("/livez").status()).isEqualTo(200);
    }

    @Test
    void errorAskedForDirectlyIs404AndLogsNothing(CapturedOutput output) {
        for (int i = 0; i < 3; i++) {
            assertError(client.get("/error"), 404, "NOT_FOUND");
            assertError(client.postRaw("/error", "application/json", "{}"), 404, "NOT_FOUND");
        }
        assertThat(output).doesNotContain("Unexpected failure").doesNotContain(" ERROR ");
    }

    @Test
    void apiDocumentsNameTheIssuerWhateverTheHostHeaderSays() throws IOException {
        String issuer = properties.token().issuer();

        RawResponse docs = raw("GET /v3/api-docs HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n");
        RawResponse config = raw("GET /v3/api-docs/swagger-config HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode servers = JSON.readTree(docs.body()).get("servers");
        assertThat(servers.size()).isEqualTo(1);
        assertThat(servers.get(0).get("url").asString()).isEqualTo(issuer);
        assertThat(docs.body()).doesNotContain("evil.example");
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).get("oauth2RedirectUrl").asString()).startsWith(issuer);
        assertThat(config.body()).doesNotContain("evil.example");
    }

    @Test
    void anOversizedHeaderIsRefusedInOurShape() throws IOException {
        RawResponse response = raw("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertOurShape(response, 400, "MALFORMED_REQUEST");
    }

    @Test
    void anEncodedSlashOrNulInThePathIsRefusedInOurShape() throws IOException {
        assertOurShape(raw("GET /api/v1/a%2fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "MALFORMED_REQUEST");
        assertOurShape(raw("GET /api/v1/a%00b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "MALFORMED_REQUEST");
        assertOurShape(raw("GET /avatars/..%2F..%2Fwxlogin.mv.db HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "MALFORMED_REQUEST");
    }

    @Test
    void aMalformedRequestLineIsRefusedInOurShape() throws IOException {
        assertOurShape(raw("GET /api/v1/me{} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "MALFORMED_REQUEST");
    }

    private static void assertOurShape(RawResponse response, int status, String code) {
        assertThat(response.status()).as(response.head() + response.body()).isEqualTo(status);
        assertThat(response.head().toLowerCase()).contains("content-type: application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("<html").doesNotContain("Tomcat");
    }

    private record RawResponse(int status, String head, String body) {
    }

    /** Sends {@code request} as written and reads the answer to the end (the request says Connection: close). */
    private RawResponse raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
