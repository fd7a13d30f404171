package dev.wxlogin.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives a sandbox's simulated phone over HTTP, as a mini program would get its values: for tests,
 * demos and benchmarks of a service running elsewhere.
 */
public final class SandboxPhone {

    /**
     * What the page holds after {@code wx.login()} and the user-info call.
     *
     * @param code          the one-time login code
     * @param openid        the user's openid (for assertions; a real page never sees it)
     * @param encryptedData the user info, encrypted with the new session_key
     * @param iv            its iv
     * @param rawData       the plain user info
     * @param signature     sha1(rawData + session_key)
     * @param userInfo      the decrypted user info, for assertions
     */
    public record Login(String code, String openid, String unionid, String encryptedData, String iv,
                        String rawData, String signature, JsonNode userInfo) {
    }

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = JsonMapper.builder().build();

    public SandboxPhone(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Logs {@code user} in to {@code appid} with the anonymous profile current WeChat gives. */
    public Login login(String appid, String user) {
        return login(appid, user, Map.of(), Map.of());
    }

    /**
     * Logs a user in.
     *
     * @param profile profile fields to put in the user info (nickName, gender, city, avatarUrl...)
     * @param tamper  {@code watermarkAppid} or {@code watermarkAgeSeconds} to forge the watermark
     */
    public Login login(String appid, String user, Map<String, ?> profile, Map<String, ?> tamper) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appid", appid);
        body.put("user", user);
        body.put("profile", profile);
        body.put("tamper", tamper);
        JsonNode reply = post("/sandbox/phone/login", body);
        return new Login(reply.get("code").asString(), reply.get("openid").asString(), reply.path("unionid").asString(null),
                reply.get("encryptedData").asString(), reply.get("iv").asString(), reply.get("rawData").asString(),
                reply.get("signature").asString(), reply.get("userInfo"));
    }

    /** Encrypts {@code data} as WeChat would for the user's current session; returns encryptedData and iv. */
    public JsonNode encrypt(String appid, String user, Map<String, ?> data) {
        return post("/sandbox/phone/encrypt", Map.of("appid", appid, "user", user, "data", data));
    }

    /** Queues {@code times} faults on one WeChat API, e.g. {@code jscode2session}. */
    public void fault(String api, Fault fault, int times) {
        post("/sandbox/faults", Map.of("api", api, "kind", fault.kind().name(), "errcode", fault.errcode(),
                "delayMillis", fault.delayMillis(), "times", times));
    }

    private JsonNode post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("sandbox answered " + response.statusCode() + " to " + path + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the sandbox at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
