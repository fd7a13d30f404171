package dev.wxlogin.server.security;

import static dev.wxlogin.server.ApiAssertions.assertHandled;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.LoopbackConnections;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;

/**
 * Any {@code Authorization} header, and any change to one part of a real access token, on a
 * protected endpoint over real HTTP: a 401 in our shape (or a 200 for the unchanged token), never
 * a 5xx. The committed seeds run in every build; {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
@ServiceTest
@Tag("fuzz")
class BearerTokenFuzzTest {

    private static String realToken;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @FuzzTest
    void anyAuthorizationHeaderIsAnsweredInOurShape(byte[] header) {
        LoopbackConnections.only();
        String value = new String(header, java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder request;
        try {
            request = client.request("/api/v1/me").header("Authorization", value).GET();
        } catch (IllegalArgumentException notSendable) {
            return; // not a header value HTTP can carry
        }
        Response response = client.send(request);
        assertHandled(response);
        assertThat(response.status()).as(response.raw()).isEqualTo(401);
    }

    @FuzzTest
    void anyChangeToOnePartOfARealTokenIsRefusedInOurShape(FuzzedDataProvider data) {
        LoopbackConnections.only();
        String[] parts = realToken().split("\\.", -1);
        int part = data.consumeInt(0, 2);
        String replacement = data.consumeRemainingAsAsciiString();
        parts[part] = replacement;
        String token = String.join(".", parts);
        HttpRequest.Builder request;
        try {
            request = client.request("/api/v1/me").header("Authorization", "Bearer " + token).GET();
        } catch (IllegalArgumentException notSendable) {
            return;
        }
        Response response = client.send(request);
        assertHandled(response);
        // A 200 only for a spelling that decodes to the real token (whether such spellings are refused is another test's concern).
        assertThat(response.status()).as(token + " -> " + response.raw()).isIn(200, 401);
    }

    private synchronized String realToken() {
        if (realToken == null) {
            realToken = TestLogins.loginNew(client, phone, appid, "fuzz-bearer").accessToken();
        }
        return realToken;
    }
}
