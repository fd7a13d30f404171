package dev.wxlogin.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * QQ's code2Session, {@code GET /sns/jscode2session} (served under {@code /qq}), with WeChat's query
 * parameters. QQ answers every field every time, empty when it has no value, beside {@code errcode} and
 * {@code errmsg} (and a {@code uin} that is always empty). QQ documents -1, 40029 and 45011 for this API;
 * every code problem (unknown, used, expired, another app's) is 40029 here, as QQ documents no
 * "code been used". A wrong appid or secret has no documented QQ number: answered with WeChat's 40013 and
 * 40125, a missing code with WeChat's 41008.
 */
final class QqSessionApi {

    static final String JSCODE2SESSION = "qq.jscode2session";
    static final String PATH = "/sns/jscode2session";

    private final RegisteredApps apps;
    private final SimulatedWeChatUsers users;

    QqSessionApi(RegisteredApps apps, SimulatedWeChatUsers users) {
        this.apps = apps;
        this.users = users;
    }

    Map<String, Object> jscode2session(Map<String, String> query) {
        SandboxApp app = apps.find(SandboxPlatform.QQ, query.getOrDefault("appid", ""));
        if (app == null) {
            return error(40013, "invalid appid");
        }
        if (!MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8),
                query.getOrDefault("secret", "").getBytes(StandardCharsets.UTF_8))) {
            return error(40125, "invalid appsecret");
        }
        if (!"authorization_code".equals(query.get("grant_type"))) {
            return error(40002, "invalid grant_type");
        }
        String code = query.get("js_code");
        if (code == null || code.isEmpty()) {
            return error(41008, "missing code");
        }
        SimulatedWeChatUsers.Exchange exchange = users.exchange(app.appid(), code);
        if (exchange.problem() != null) {
            return error(40029, "invalid code");
        }
        Map<String, Object> answer = body(0, "");
        answer.put("openid", exchange.openid());
        answer.put("session_key", exchange.sessionKey().base64());
        answer.put("unionid", exchange.unionid().orElse(""));
        return answer;
    }

    /** QQ's error body: every field present and empty. */
    static Map<String, Object> error(int errcode, String errmsg) {
        return body(errcode, errmsg);
    }

    private static Map<String, Object> body(int errcode, String errmsg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", errcode);
        body.put("errmsg", errmsg);
        body.put("openid", "");
        body.put("session_key", "");
        body.put("uin", "");
        body.put("unionid", "");
        return body;
    }
}
