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
     * What the page holds after the platform's login call ({@code wx.login()}, {@code tt.login()},
     * {@code qq.login()}) and the user-info call.
     *
     * @param code            the one-time login code; {@code null} on Douyin for a user not logged in to the Douyin app
     * @param openid          the user's openid (for assertions; a real page never sees it), {@code null} with no code
     * @param unionid         the user's unionid when the app is union-bound (for assertions)
     * @param encryptedData   the user info, encrypted with the new session_key
     * @param iv              its iv
     * @param rawData         the plain user info
     * @param signature       sha1(rawData + session_key)
     * @param userInfo        the decrypted user info, for assertions
     * @param platform        {@code wechat}, {@code douyin} or {@code qq}
     * @param appid           the app the codes are for: the one asked for, else the platform's demo app;
     *                        what a demo sends as {@code X-WxLogin-AppId}
     * @param anonymousCode   Douyin's one-time anonymous code, standing for the device; {@code null} elsewhere
     * @param anonymousOpenid the device's anonymous openid on Douyin (for assertions); {@code null} elsewhere
     */
    public record Login(String code, String openid, String unionid, String encryptedData, String iv,
                        String rawData, String signature, JsonNode userInfo, String platform, String appid,
                        String anonymousCode, String anonymousOpenid) {

        /** A WeChat login made up by a test (a forged page), which names no app. */
        public Login(String code, String openid, String unionid, String encryptedData, String iv,
                     String rawData, String signature, JsonNode userInfo) {
            this(code, openid, unionid, encryptedData, iv, rawData, signature, userInfo,
                    SandboxPlatform.WECHAT.wireName(), null, null, null);
        }
    }

    /**
     * What the getPhoneNumber button gives the page ({@code e.detail.code}), with the number it
     * stands for so that tests can check what the service stores.
     *
     * @param code            single-use, valid 5 minutes, for getuserphonenumber
     * @param phoneNumber     as WeChat will show it
     * @param purePhoneNumber without country code
     * @param countryCode     e.g. {@code "86"}
     */
    public record PhoneCode(String code, String phoneNumber, String purePhoneNumber, String countryCode) {
    }

    /**
     * What the legacy getPhoneNumber button gives the page: the number encrypted with the user's
     * current session_key, and the number itself for assertions.
     */
    public record EncryptedPhone(String encryptedData, String iv, String phoneNumber, String purePhoneNumber, String countryCode) {
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
        return login(SandboxPlatform.WECHAT, appid, user, profile, tamper);
    }

    /** Logs {@code user} in to the platform's demo app with the platform's anonymous profile. */
    public Login login(SandboxPlatform platform, String user) {
        return login(platform, null, user, Map.of(), Map.of());
    }

    /**
     * Logs a user in on a platform.
     *
     * @param appid   the app, or {@code null} for the platform's demo app (the answer names it)
     * @param profile profile fields to put in the user info (nickName, gender, city, avatarUrl...)
     * @param tamper  {@code watermarkAppid} or {@code watermarkAgeSeconds} to forge the watermark
     */
    public Login login(SandboxPlatform platform, String appid, String user, Map<String, ?> profile, Map<String, ?> tamper) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", platform.wireName());
        if (appid != null) {
            body.put("appid", appid);
        }
        body.put("user", user);
        body.put("profile", profile);
        body.put("tamper", tamper);
        return login(body);
    }

    /**
     * Douyin's {@code tt.login()} on a given device: an anonymous code for the device and, when the user is
     * logged in to the Douyin app ({@code hostLoggedIn}), a code for the user.
     *
     * @param appid the app, or {@code null} for Douyin's demo app
     */
    public Login douyinLogin(String appid, String user, String device, boolean hostLoggedIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", SandboxPlatform.DOUYIN.wireName());
        if (appid != null) {
            body.put("appid", appid);
        }
        body.put("user", user);
        body.put("device", device);
        body.put("hostLoggedIn", hostLoggedIn);
        return login(body);
    }

    private Login login(Map<String, Object> body) {
        JsonNode reply = post("/sandbox/phone/login", body);
        return new Login(text(reply, "code"), text(reply, "openid"), text(reply, "unionid"),
                text(reply, "encryptedData"), text(reply, "iv"), text(reply, "rawData"),
                text(reply, "signature"), reply.get("userInfo"), text(reply, "platform"), text(reply, "appid"),
                text(reply, "anonymousCode"), text(reply, "anonymousOpenid"));
    }

    private static String text(JsonNode reply, String field) {
        return reply.path(field).asString(null);
    }

    /** Encrypts {@code data} as the app's platform would for the user's current session; returns encryptedData and iv. */
    public JsonNode encrypt(String appid, String user, Map<String, ?> data) {
        return post("/sandbox/phone/encrypt", Map.of("appid", appid, "user", user, "data", data));
    }

    /** Presses the getPhoneNumber button for the user's stable default number (mainland China). */
    public PhoneCode phoneCode(String appid, String user) {
        return phoneCode(phoneRequest(appid, user, null, null));
    }

    /** Presses the getPhoneNumber button for a given number, e.g. {@code ("51234567", "852")}. */
    public PhoneCode phoneCode(String appid, String user, String purePhoneNumber, String countryCode) {
        return phoneCode(phoneRequest(appid, user, purePhoneNumber, countryCode));
    }

    /**
     * The legacy getPhoneNumber button (WeChat's, Douyin's, QQ's: the app's platform) for the user's default
     * number, encrypted with the user's current session_key; the user must have logged in.
     */
    public EncryptedPhone encryptedPhone(String appid, String user) {
        return encryptedPhone(appid, user, null, null, Map.of());
    }

    /**
     * The legacy getPhoneNumber button for a given number ({@code null}s: the user's default one), its
     * watermark tampered as {@code tamper} says ({@code watermarkAppid}, {@code watermarkAgeSeconds}).
     */
    public EncryptedPhone encryptedPhone(String appid, String user, String purePhoneNumber, String countryCode, Map<String, ?> tamper) {
        Map<String, Object> request = phoneRequest(appid, user, purePhoneNumber, countryCode);
        request.put("tamper", tamper);
        JsonNode reply = post("/sandbox/phone/phone-encrypted", request);
        return new EncryptedPhone(reply.get("encryptedData").asString(), reply.get("iv").asString(),
                reply.get("phoneNumber").asString(), reply.get("purePhoneNumber").asString(), reply.get("countryCode").asString());
    }

    /** Points the phone's camera at a mini-program code (an image, PNG or JPEG): what it opens. */
    public MiniProgramCodes.Scanned scan(byte[] image) {
        JsonNode reply = post("/sandbox/phone/scan", Map.of("image", java.util.Base64.getEncoder().encodeToString(image)));
        return new MiniProgramCodes.Scanned(reply.get("page").asString(), reply.get("scene").asString());
    }

    /** Every access_token of the app answers 40001 from now on, as after another server forced a refresh. */
    public void invalidateTokens(String appid) {
        post("/sandbox/tokens/invalidate", Map.of("appid", appid));
    }

    /** How many times the sandbox's WeChat API {@code api} was called (e.g. {@code stable_token}), faults included. */
    public long callCount(String api) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/stats")).GET().build(), "/sandbox/stats")
                .path("calls").path(api).asLong(0);
    }

    /** Drops every queued fault. */
    public void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/faults")).DELETE().build(), "/sandbox/faults");
    }

    private PhoneCode phoneCode(Map<String, Object> request) {
        JsonNode reply = post("/sandbox/phone/phonecode", request);
        return new PhoneCode(reply.get("code").asString(), reply.get("phoneNumber").asString(),
                reply.get("purePhoneNumber").asString(), reply.get("countryCode").asString());
    }

    private static Map<String, Object> phoneRequest(String appid, String user, String purePhoneNumber, String countryCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appid", appid);
        body.put("user", user);
        if (purePhoneNumber != null) {
            body.put("phoneNumber", purePhoneNumber);
        }
        if (countryCode != null) {
            body.put("countryCode", countryCode);
        }
        return body;
    }

    /**
     * Queues {@code times} faults on one platform API, e.g. {@code jscode2session} (WeChat),
     * {@code douyin.jscode2session}, {@code qq.jscode2session}.
     */
    public void fault(String api, Fault fault, int times) {
        post("/sandbox/faults", Map.of("api", api, "kind", fault.kind().name(), "errcode", fault.errcode(),
                "delayMillis", fault.delayMillis(), "times", times));
    }

    private JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build(), path);
    }

    private JsonNode send(HttpRequest request, String path) {
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
