package dev.wxlogin.server.app;

import static dev.wxlogin.server.ApiAssertions.assertHandled;

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
 * Any {@code Referer} and {@code X-WxLogin-AppId}, on a login and on a protected endpoint with a
 * real token, over real HTTP: never a 5xx, always our error shape. The committed seeds run in every
 * build; {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
@ServiceTest
@Tag("fuzz")
class AppSelectionFuzzTest {

    private static String realToken;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @FuzzTest
    void anyRefererAndAppHeaderOnALoginIsAnsweredInOurShape(FuzzedDataProvider data) {
        LoopbackConnections.only();
        send(data, "/api/v1/login", null);
    }

    @FuzzTest
    void anyRefererAndAppHeaderWithARealTokenIsAnsweredInOurShape(FuzzedDataProvider data) {
        LoopbackConnections.only();
        send(data, "/api/v1/me", realToken());
    }

    private void send(FuzzedDataProvider data, String path, String accessToken) {
        boolean withAppHeader = data.consumeBoolean();
        String appHeader = data.consumeString(80);
        String referer = data.consumeRemainingAsString();
        HttpRequest.Builder request;
        try {
            request = client.request(path).header("Referer", referer);
            if (withAppHeader) {
                request.header("X-WxLogin-AppId", appHeader);
            }
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken).GET();
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"fuzz\"}"));
            }
        } catch (IllegalArgumentException notSendable) {
            return; // not a header value HTTP can carry
        }
        Response response = client.send(request);
        assertHandled(response);
    }

    private synchronized String realToken() {
        if (realToken == null) {
            realToken = TestLogins.loginNew(client, phone, appid, "fuzz-referer").accessToken();
        }
        return realToken;
    }
}
