package dev.wxlogin.wechat.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.wechat.OneTimeCode;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Trades the one-time code from {@code wx.login()} for the user's openid, session_key and
 * unionid ({@code GET /sns/jscode2session}).
 */
public final class Code2SessionClient {

    static final String PATH = "/sns/jscode2session";
    private static final int MAX_ID_LENGTH = 64;

    private final WeChatApiTransport transport;

    public Code2SessionClient(WeChatApiTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Exchanges a login code. A {@code -1 busy} answer is retried as the transport's settings allow:
     * WeChat does not consume the code when it is busy.
     *
     * @throws IllegalArgumentException   the code is blank or absurdly long (never sent)
     * @throws WeChatApiException         e.g. 40029 invalid code, 40163 used code, 40226 blocked user
     * @throws WeChatUnavailableException WeChat could not be reached or answered without openid/session_key
     */
    public WeChatSession exchange(WeChatApp app, String code) {
        Objects.requireNonNull(app, "app");
        if (!OneTimeCode.isWellFormed(code)) {
            throw new IllegalArgumentException("a login code must be 1 to " + OneTimeCode.MAX_LENGTH + " characters");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", app.appid());
        query.put("secret", app.secret());
        query.put("js_code", code);
        query.put("grant_type", "authorization_code");
        JsonNode answer = transport.send(WeChatRequest.get(PATH, query, true));

        String openid = text(answer, "openid");
        String sessionKey = text(answer, "session_key");
        if (openid == null || sessionKey == null) {
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "code2Session answered without openid or session_key", null);
        }
        String unionid = text(answer, "unionid");
        // WeChat's ids are 28 characters; anything far longer is not WeChat and would not fit our columns.
        if (openid.length() > MAX_ID_LENGTH || (unionid != null && unionid.length() > MAX_ID_LENGTH)) {
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "code2Session answered an openid or unionid over "
                    + MAX_ID_LENGTH + " characters", null);
        }
        return new WeChatSession(openid, SessionKey.of(sessionKey), Optional.ofNullable(unionid));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
