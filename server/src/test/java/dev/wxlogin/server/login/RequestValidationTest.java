package dev.wxlogin.server.login;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;

/** Bad requests get a clear code and status, and never reach WeChat. */
@ServiceTest
class RequestValidationTest {

    @Autowired
    SandboxWeChat sandbox;

    @Fixture HttpTestClient client;
    long callsBefore;

    @BeforeEach
    void setUp() {
        callsBefore = sandbox.callCount("jscode2session");
    }

    @Test
    void malformedJsonIsBadRequest() {
        assertError(client.postRaw("/api/v1/login", "application/json", "{\"code\": "), 400, "MALFORMED_BODY");
        assertError(client.postRaw("/api/v1/login", "application/json", ""), 400, "MALFORMED_BODY");
        assertError(client.postRaw("/api/v1/login", "application/json", "[1,2]"), 400, "MALFORMED_BODY");
        assertError(client.postRaw("/api/v1/login", "application/json", "{\"code\": {\"nested\": 1}}"), 400, "MALFORMED_BODY");
        assertNoWeChatCall();
    }

    @Test
    void missingOrAbsurdCodeIsBadRequest() {
        assertError(client.postJson("/api/v1/login", Map.of()), 400, "CODE_MISSING");
        assertError(client.postJson("/api/v1/login", Map.of("code", "  ")), 400, "CODE_MISSING");
        assertError(client.postJson("/api/v1/login", Map.of("code", "x".repeat(500))), 400, "CODE_MISSING");
        assertNoWeChatCall();
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String big = "{\"code\":\"" + "a".repeat(70_000) + "\"}";
        assertError(client.postRaw("/api/v1/login", "application/json", big), 413, "REQUEST_TOO_LARGE");
        assertNoWeChatCall();
    }

    @Test
    void oversizedChunkedBodyIsRefusedWith413() {
        byte[] big = ("{\"code\":\"" + "a".repeat(70_000) + "\"}").getBytes();
        // A publisher of unknown length makes the client send it chunked, without Content-Length.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big));
        Response response = client.send(client.request("/api/v1/login").header("Content-Type", "application/json").POST(chunked));
        assertError(response, 413, "REQUEST_TOO_LARGE");
        assertNoWeChatCall();
    }

    @Test
    void aKeyGivenTwiceIsAMalformedBody() {
        assertError(client.postRaw("/api/v1/login", "application/json", "{\"code\":\"a\",\"code\":\"b\"}"), 400, "MALFORMED_BODY");
        assertError(client.postRaw("/api/v1/token/refresh", "application/json",
                "{\"refreshToken\":\"x\",\"refreshToken\":\"y\"}"), 400, "MALFORMED_BODY");
        Response legacy = client.postRaw("/user/wxlogin", "application/json",
                "{\"platCode\":\"a\",\"platUserInfoMap\":{\"iv\":\"x\",\"iv\":\"y\"}}");
        assertThat(legacy.status()).isEqualTo(400);
        assertThat(legacy.json().get("error").asString()).isEqualTo("MALFORMED_BODY");
        assertNoWeChatCall();
    }

    @Test
    void wrongContentTypeIs415() {
        assertError(client.postRaw("/api/v1/login", "text/plain", "code=abc"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unknownPathWithoutTokenIs401AndWrongMethodOnAPublicPathIs405() {
        // Deny by default: without a token, which paths exist is not told (DenyByDefaultTest has the rest).
        assertError(client.get("/api/v1/nothing-here"), 401, "TOKEN_MISSING");
        assertError(client.get("/api/v1/login"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void clientThatAcceptsNoJsonGets406InJson() {
        Response login = client.send(client.request("/api/v1/login").header("Content-Type", "application/json")
                .header("Accept", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"x\"}")));
        Response jwks = client.send(client.request("/.well-known/jwks.json").header("Accept", "image/png").GET());

        assertError(login, 406, "NOT_ACCEPTABLE");
        assertError(jwks, 406, "NOT_ACCEPTABLE");
        assertNoWeChatCall();
    }

    @Test
    void pathTheFirewallRejectsIsAnsweredInOurShape() {
        assertError(client.get("/api/v1/login;x=1"), 400, "MALFORMED_REQUEST");
        Response legacy = client.get("/user/wxlogin;x=1");
        assertThat(legacy.status()).isEqualTo(400);
        assertThat(legacy.json().get("code").asInt()).isEqualTo(400);
        assertThat(legacy.json().get("error").asString()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void healthIsUp() {
        Response health = client.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    private void assertNoWeChatCall() {
        assertThat(sandbox.callCount("jscode2session")).isEqualTo(callsBefore);
    }
}
