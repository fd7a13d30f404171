package dev.wxlogin.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.session.SessionKeySignature;

/**
 * WeChat's session APIs: {@code GET /sns/jscode2session} (codes single-use and expiring), and
 * {@code GET /wxa/checksession} / {@code GET /wxa/resetusersessionkey}, which prove the current
 * session_key by its hmac_sha256 signature over the empty string.
 */
final class SessionApi {

    static final String JSCODE2SESSION = "jscode2session";
    static final String CHECK_SESSION = "checksession";
    static final String RESET_USER_SESSION_KEY = "resetusersessionkey";

    private final RegisteredApps apps;
    private final SimulatedWeChatUsers users;
    private final AccessTokenApi tokens;

    SessionApi(RegisteredApps apps, SimulatedWeChatUsers users, AccessTokenApi tokens) {
        this.apps = apps;
        this.users = users;
        this.tokens = tokens;
    }

    Map<String, Object> jscode2session(Map<String, String> query) {
        SandboxApp app = apps.find(query.getOrDefault("appid", ""));
        if (app == null) {
            return SandboxReply.errcode(40013, "invalid appid");
        }
        if (!MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8),
                query.getOrDefault("secret", "").getBytes(StandardCharsets.UTF_8))) {
            return SandboxReply.errcode(40125, "invalid appsecret");
        }
        if (!"authorization_code".equals(query.get("grant_type"))) {
            return SandboxReply.errcode(40002, "invalid grant_type");
        }
        String code = query.get("js_code");
        if (code == null || code.isEmpty()) {
            return SandboxReply.errcode(41008, "missing code");
        }
        SimulatedWeChatUsers.Exchange exchange = users.exchange(app.appid(), code);
        if (exchange.problem() != null) {
            return switch (exchange.problem()) {
                case USED -> SandboxReply.errcode(40163, "code been used");
                case UNKNOWN, EXPIRED, OTHER_APP -> SandboxReply.errcode(40029, "invalid code");
            };
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("session_key", exchange.sessionKey().base64());
        answer.put("openid", exchange.openid());
        exchange.unionid().ifPresent(u -> answer.put("unionid", u));
        return answer;
    }

    /** checksession, or resetusersessionkey when {@code reset}: both prove the current key the same way. */
    Map<String, Object> checkSession(Map<String, String> query, boolean reset) {
        AccessTokenApi.Authorized authorized = tokens.authorize(query);
        if (authorized.refusal() != null) {
            return authorized.refusal();
        }
        String openid = query.getOrDefault("openid", "");
        Optional<SimulatedWeChatUsers.AppUser> user = users.byOpenid(openid)
                .filter(u -> u.appid().equals(authorized.app().appid()));
        if (user.isEmpty()) {
            return SandboxReply.errcode(40003, "invalid openid");
        }
        SessionKey current = users.currentKey(user.get().appid(), user.get().user()).orElseThrow();
        if (!"hmac_sha256".equals(query.get("sig_method"))
                || !SessionKeySignature.matches(current, "", query.get("signature"))) {
            return SandboxReply.errcode(87009, "invalid signature");
        }
        Map<String, Object> answer = SandboxReply.ok();
        if (reset) {
            answer.put("openid", openid);
            answer.put("session_key", users.resetKey(user.get().appid(), user.get().user()).base64());
        }
        return answer;
    }
}
