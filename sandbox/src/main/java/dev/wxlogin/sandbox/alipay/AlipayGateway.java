package dev.wxlogin.sandbox.alipay;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.wxlogin.alipay.sign.Rsa2Signature;
import dev.wxlogin.alipay.sign.SignContent;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's OpenAPI gateway, {@code POST /gateway.do}: checks a request as Alipay's gateway does, in
 * its order (method, app, signature parameters, timestamp, version, charset, then the RSA2 signature with the
 * app's public key), then runs {@code alipay.system.oauth.token}. Answers as Alipay does:
 * {@code {"<method>_response": {...}, "sign": "..."}}, errors as {@code error_response} with {@code code},
 * {@code msg}, {@code sub_code}, {@code sub_msg}, signed with the sandbox Alipay key whenever the app is known.
 * Parameters are read from the query string and from a form body alike. Thread-safe.
 */
public final class AlipayGateway {

    /** The one method the sandbox serves. */
    public static final String OAUTH_TOKEN = "alipay.system.oauth.token";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Map<String, SandboxAlipayApp> apps;
    private final SimulatedAlipayUsers users;
    private final PrivateKey alipayPrivateKey;
    private final Clock clock;
    private final Queue<AlipayGatewayFault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicLong calls = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    AlipayGateway(Map<String, SandboxAlipayApp> apps, SimulatedAlipayUsers users, PrivateKey alipayPrivateKey, Clock clock) {
        this.apps = apps; // live: apps registered later are known at once
        this.users = users;
        this.alipayPrivateKey = alipayPrivateKey;
        this.clock = clock;
    }

    /** Queues a fault for the next call (each queued fault answers one call). */
    public void addFault(AlipayGatewayFault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
    }

    /** How many requests reached the gateway, faults included. */
    public long callCount() {
        return calls.get();
    }

    /**
     * Answers one {@code POST /gateway.do}.
     *
     * @param rawQuery    the request's raw query string, or null
     * @param contentType the request's Content-Type, or null
     * @param body        the request's body
     */
    public GatewayAnswer handle(String rawQuery, String contentType, byte[] body) {
        calls.incrementAndGet();
        AlipayGatewayFault fault = faults.poll();
        if (fault == AlipayGatewayFault.BAD_GATEWAY) {
            return GatewayAnswer.badGateway();
        }
        Map<String, String> params = new LinkedHashMap<>();
        addForm(params, rawQuery);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            addForm(params, new String(body, StandardCharsets.UTF_8));
        }
        String method = params.get("method");
        String node = method == null ? null : method.replace('.', '_') + "_response";
        Refusal refusal = check(params);
        if (refusal != null) {
            return error(refusal, refusal.signed ? apps.get(params.get("app_id")) : null);
        }
        SandboxAlipayApp app = apps.get(params.get("app_id"));
        if (fault == AlipayGatewayFault.SYSTEM_BUSY) {
            return error(new Refusal("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙", true), app);
        }
        OauthResult result = oauthToken(app, params);
        if (result.refusal() != null) {
            return error(result.refusal(), app);
        }
        String nodeText = JSON.writeValueAsString(result.answer());
        String sign = Rsa2Signature.sign(nodeText, alipayPrivateKey);
        if (fault == AlipayGatewayFault.TAMPERED_ANSWER) {
            nodeText = tamper(nodeText);
        }
        String envelope = fault == AlipayGatewayFault.UNSIGNED_ANSWER
                ? "{\"" + node + "\":" + nodeText + "}"
                : "{\"" + node + "\":" + nodeText + ",\"sign\":\"" + sign + "\"}";
        return GatewayAnswer.gateway(envelope);
    }

    /** Why the gateway refuses; {@code signed} when it knows the app and so signs the error. */
    private record Refusal(String code, String msg, String subCode, String subMsg, boolean signed) {
    }

    private Refusal check(Map<String, String> p) {
        if (blank(p.get("method"))) {
            return missing("isv.missing-method", "缺少方法名参数", false);
        }
        if (blank(p.get("app_id"))) {
            return missing("isv.missing-app-id", "缺少AppID参数", false);
        }
        if (!apps.containsKey(p.get("app_id"))) {
            return invalid("isv.invalid-app-id", "无效的AppID参数", false);
        }
        if (blank(p.get("sign"))) {
            return missing("isv.missing-signature", "缺少签名参数", true);
        }
        if (blank(p.get("sign_type"))) {
            return missing("isv.missing-signature-type", "缺少签名类型参数", true);
        }
        if (!Rsa2Signature.SIGN_TYPE.equals(p.get("sign_type"))) {
            return invalid("isv.invalid-signature-type", "无效签名类型", true);
        }
        if (blank(p.get("timestamp"))) {
            return missing("isv.missing-timestamp", "缺少时间戳参数", true);
        }
        try {
            LocalDateTime.parse(p.get("timestamp"), TIMESTAMP);
        } catch (DateTimeParseException e) {
            return invalid("isv.invalid-timestamp", "非法的时间戳参数", true);
        }
        if (blank(p.get("version"))) {
            return missing("isv.missing-version", "缺少版本参数", true);
        }
        if (p.get("charset") != null && !"utf-8".equalsIgnoreCase(p.get("charset"))) {
            return invalid("isv.invalid-charset", "字符集错误(沙箱只支持utf-8)", true);
        }
        if (p.get("format") != null && !"json".equalsIgnoreCase(p.get("format"))) {
            return invalid("isv.invalid-format", "无效的数据格式", true);
        }
        String content = SignContent.of(p);
        if (!Rsa2Signature.verify(content, p.get("sign"), apps.get(p.get("app_id")).appPublicKey())) {
            // Alipay quotes the content it verified, so that developers can compare it with theirs.
            return invalid("isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：" + content, true);
        }
        if (!OAUTH_TOKEN.equals(p.get("method"))) {
            return invalid("isv.invalid-method", "不存在的方法名", true);
        }
        return null;
    }

    private static Refusal missing(String subCode, String subMsg, boolean signed) {
        return new Refusal("40001", "Missing Required Arguments", subCode, subMsg, signed);
    }

    private static Refusal invalid(String subCode, String subMsg, boolean signed) {
        return new Refusal("40002", "Invalid Arguments", subCode, subMsg, signed);
    }

    /** What oauth.token makes of a request: an answer or a refusal. */
    private record OauthResult(Map<String, Object> answer, Refusal refusal) {
    }

    private OauthResult oauthToken(SandboxAlipayApp app, Map<String, String> p) {
        String grantType = p.get("grant_type");
        if ("refresh_token".equals(grantType)) {
            // The sandbox issues refresh tokens but does not honour them: nothing in wxlogin refreshes.
            return refused("isv.refresh-token-invalid", "刷新令牌refresh_token无效");
        }
        if (!"authorization_code".equals(grantType)) {
            return refused("isv.grant-type-invalid", "grant_type参数不正确");
        }
        SimulatedAlipayUsers.Exchange exchange = users.exchange(app.appId(), p.get("code"));
        if (exchange.problem() != null) {
            // Unknown, used, expired or another app's: Alipay answers them all alike.
            return refused("isv.code-invalid", "授权码code无效");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", "authbseB" + token());
        answer.put("auth_start", TIMESTAMP.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8))));
        answer.put("expires_in", 1296000);
        answer.put("re_expires_in", 2592000);
        answer.put("refresh_token", "authbseB" + token());
        if (app.openIdMode()) {
            answer.put("open_id", users.openId(app.appId(), exchange.user()));
        } else {
            answer.put("user_id", users.userId(exchange.user()));
        }
        return new OauthResult(answer, null);
    }

    private static OauthResult refused(String subCode, String subMsg) {
        return new OauthResult(null, new Refusal("40002", "Invalid Arguments", subCode, subMsg, true));
    }

    private GatewayAnswer error(Refusal refusal, SandboxAlipayApp app) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("code", refusal.code());
        node.put("msg", refusal.msg());
        node.put("sub_code", refusal.subCode());
        node.put("sub_msg", refusal.subMsg());
        String nodeText = JSON.writeValueAsString(node);
        if (app == null) {
            return GatewayAnswer.gateway("{\"error_response\":" + nodeText + "}");
        }
        return GatewayAnswer.gateway("{\"error_response\":" + nodeText + ",\"sign\":\"" + Rsa2Signature.sign(nodeText, alipayPrivateKey) + "\"}");
    }

    /** Changes the last digit or letter of the node's text, keeping it valid JSON. */
    private static String tamper(String nodeText) {
        char[] chars = nodeText.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(chars[i])) {
                chars[i] = chars[i] == '1' ? '2' : '1';
                return new String(chars);
            }
        }
        return nodeText;
    }

    private String token() {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void addForm(Map<String, String> params, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformedEscape) {
                // Left out: the signature, computed over what the client meant, then fails as on Alipay.
            }
        }
    }
}
