package dev.wxlogin.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat's access_token APIs ({@code POST /cgi-bin/stable_token}, {@code GET /cgi-bin/token}), and
 * the token check of the APIs that need one.
 */
final class AccessTokenApi {

    static final String STABLE_TOKEN = "stable_token";
    static final String TOKEN = "token";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RegisteredApps apps;
    private final SimulatedAccessTokens tokens;

    AccessTokenApi(RegisteredApps apps, SimulatedAccessTokens tokens) {
        this.apps = apps;
        this.tokens = tokens;
    }

    Map<String, Object> stableToken(byte[] rawBody) {
        JsonNode request = weChatJson(rawBody);
        if (request == null) {
            return SandboxReply.errcode(47001, "data format error");
        }
        Map<String, Object> refusal = credentialsRefusal(request.path("grant_type").asString(""),
                request.path("appid").asString(""), request.path("secret").asString(""));
        if (refusal != null) {
            return refusal;
        }
        return grant(tokens.stable(request.path("appid").asString(), request.path("force_refresh").asBoolean(false)));
    }

    Map<String, Object> legacyToken(Map<String, String> query) {
        Map<String, Object> refusal = credentialsRefusal(query.getOrDefault("grant_type", ""),
                query.getOrDefault("appid", ""), query.getOrDefault("secret", ""));
        return refusal != null ? refusal : grant(tokens.legacy(query.get("appid")));
    }

    /** The app a token-protected call acts for, or WeChat's refusal of its token. */
    record Authorized(SandboxApp app, Map<String, Object> refusal) {
    }

    Authorized authorize(Map<String, String> query) {
        SimulatedAccessTokens.Check check = tokens.check(query.get("access_token"));
        return switch (check.verdict()) {
            case VALID -> new Authorized(apps.find(check.appid()), null);
            case EXPIRED -> new Authorized(null, SandboxReply.errcode(42001, "access_token expired"));
            case INVALID -> new Authorized(null, SandboxReply.errcode(40001, "invalid credential, access_token is invalid or not latest"));
        };
    }

    /** The refusal WeChat gives for bad credentials, or {@code null} when they are good. */
    private Map<String, Object> credentialsRefusal(String grantType, String appid, String secret) {
        SandboxApp app = apps.find(appid);
        if (app == null) {
            return SandboxReply.errcode(40013, "invalid appid");
        }
        if (!MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return SandboxReply.errcode(40125, "invalid appsecret");
        }
        if (!"client_credential".equals(grantType)) {
            return SandboxReply.errcode(40002, "invalid grant_type");
        }
        return null;
    }

    private static Map<String, Object> grant(SimulatedAccessTokens.Grant grant) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", grant.value());
        answer.put("expires_in", grant.expiresIn());
        return answer;
    }

    /** A WeChat API's JSON body, or {@code null} when it is not a JSON object (WeChat: 47001). */
    static JsonNode weChatJson(byte[] rawBody) {
        try {
            JsonNode node = JSON.readTree(rawBody);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
