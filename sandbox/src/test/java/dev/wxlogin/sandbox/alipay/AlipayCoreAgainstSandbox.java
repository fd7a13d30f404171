package dev.wxlogin.sandbox.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.gateway.AlipayClientSettings;
import dev.wxlogin.alipay.gateway.AlipayGatewayClient;
import dev.wxlogin.alipay.oauth.OauthTokenClient;
import dev.wxlogin.alipay.phone.PhoneNumberDecryptor;
import dev.wxlogin.sandbox.MutableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A sandbox Alipay on its own port and test clock, and the core's real clients pointed at it over HTTP. */
final class AlipayCoreAgainstSandbox implements AutoCloseable {

    /** A second app, on the older user_id standard. */
    static final String USER_ID_APP = "2021000000000002";

    final MutableClock clock = new MutableClock();
    final SandboxAlipay alipay = SandboxAlipay.create(SandboxAlipay.DEFAULT_CODE_TTL, clock);
    final AlipayDemoApp userIdApp = alipay.addApp(USER_ID_APP, false);
    final SandboxAlipayServer server;
    final AlipayGatewayClient gateway;
    final OauthTokenClient oauth;
    final PhoneNumberDecryptor phoneNumbers = new PhoneNumberDecryptor();
    private final HttpClient http = HttpClient.newHttpClient();

    AlipayCoreAgainstSandbox() {
        try {
            server = SandboxAlipayServer.start(alipay, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Generous timeouts: these tests check answers, they do not time them.
        gateway = new AlipayGatewayClient(new AlipayClientSettings(server.gatewayUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        oauth = new OauthTokenClient(gateway);
    }

    /** The demo app as the service configures it. */
    AlipayApp demoApp() {
        return alipay.demoApp().toAlipayApp();
    }

    /** POSTs JSON to the sandbox server and reads its JSON answer. */
    JsonNode post(String path, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JsonMapper.builder().build().readTree(response.body());
            return body.isObject() ? ((tools.jackson.databind.node.ObjectNode) body).put("status", response.statusCode()) : body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the page's my.getAuthCode gives, through the simulated phone's HTTP endpoint. */
    String authCode(String appId, String user) {
        return post("/sandbox/phone/alipay/login", "{\"appid\":\"" + appId + "\",\"user\":\"" + user + "\"}").get("authCode").stringValue();
    }

    @Override
    public void close() {
        server.close();
    }
}
