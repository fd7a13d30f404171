package dev.wxlogin.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Douyin's code2Session, {@code POST /api/apps/v2/jscode2session} (served under {@code /douyin}): a JSON
 * body {@code {appid, secret, code?, anonymous_code?}} answered {@code {err_no, err_tips, log_id, data:
 * {session_key, openid, anonymous_openid, unionid}}} as {@code application/json}, values Douyin has no
 * reason to give as empty strings, as its documented sample shows. Codes and anonymous codes are
 * single-use and expire. Error numbers: 40014 bad parameters (neither code given, or a body that is not
 * a JSON object), 40015 unknown appid, 40017 wrong secret, 40018 bad code (unknown, used, expired or
 * another app's), 40019 bad anonymous code; -1 only as a queued fault.
 */
final class DouyinSessionApi {

    static final String JSCODE2SESSION = "douyin.jscode2session";
    static final String PATH = "/api/apps/v2/jscode2session";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RegisteredApps apps;
    private final SimulatedWeChatUsers users;
    private final SecureRandom random = new SecureRandom();

    DouyinSessionApi(RegisteredApps apps, SimulatedWeChatUsers users) {
        this.apps = apps;
        this.users = users;
    }

    SandboxReply jscode2session(byte[] body) {
        JsonNode request;
        try {
            request = body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return error(40014, "bad params");
        }
        SandboxApp app = apps.find(SandboxPlatform.DOUYIN, text(request, "appid"));
        if (app == null) {
            return error(40015, "bad appid");
        }
        if (!MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8), text(request, "secret").getBytes(StandardCharsets.UTF_8))) {
            return error(40017, "bad secret");
        }
        String code = text(request, "code");
        String anonymousCode = text(request, "anonymous_code");
        if (code.isEmpty() && anonymousCode.isEmpty()) {
            return error(40014, "bad params");
        }
        Map<String, Object> data = emptyData();
        if (!code.isEmpty()) {
            SimulatedWeChatUsers.Exchange exchange = users.exchange(app.appid(), code);
            if (exchange.problem() != null) {
                return error(40018, "bad code");
            }
            data.put("session_key", exchange.sessionKey().base64());
            data.put("openid", exchange.openid());
            data.put("unionid", exchange.unionid().orElse(""));
        }
        if (!anonymousCode.isEmpty()) {
            SimulatedWeChatUsers.AnonymousExchange exchange = users.exchangeAnonymous(app.appid(), anonymousCode);
            if (exchange.problem() != null) {
                return error(40019, "bad anonymous_code");
            }
            data.put("anonymous_openid", exchange.anonymousOpenid());
        }
        return answer(0, "success", data);
    }

    /** Douyin's error body, in the shape {@link FaultInjection} needs for a queued errcode. */
    SandboxReply error(int errNo, String errTips) {
        return answer(errNo, errTips, emptyData());
    }

    private SandboxReply answer(int errNo, String errTips, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("err_no", errNo);
        body.put("err_tips", errTips);
        body.put("log_id", logId());
        body.put("data", data);
        return SandboxReply.json(200, body);
    }

    private static Map<String, Object> emptyData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_key", "");
        data.put("openid", "");
        data.put("anonymous_openid", "");
        data.put("unionid", "");
        return data;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value != null && value.isString() ? value.asString() : "";
    }

    private String logId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
