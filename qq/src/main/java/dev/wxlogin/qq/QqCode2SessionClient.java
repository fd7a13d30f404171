package dev.wxlogin.qq;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.qq.QqUnavailableException.Kind;
import dev.wxlogin.wechat.OneTimeCode;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import tools.jackson.databind.JsonNode;

/**
 * Trades the one-time code from {@code qq.login()} for the user's openid, session_key and unionid:
 * {@code GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code} on QQ's host, sent by
 * the WeChat core's transport (the shapes are WeChat's) with retries off. QQ answers every field, empty
 * when it has no value; empty counts as absent. Thread-safe.
 */
public final class QqCode2SessionClient {

    static final String PATH = "/sns/jscode2session";
    /** QQ's ids are 32 hex digits (openid) and {@code UID_} and 32 more (unionid); anything far longer is not QQ. */
    private static final int MAX_ID_LENGTH = 64;

    private final WeChatApiTransport transport;

    public QqCode2SessionClient(QqClientSettings settings) {
        this.transport = new WeChatApiTransport(Objects.requireNonNull(settings, "settings").asWeChatTransportSettings());
    }

    /** For callers that manage their own {@link HttpClient} (proxies, TLS settings, executors). */
    public QqCode2SessionClient(QqClientSettings settings, HttpClient http) {
        this.transport = new WeChatApiTransport(Objects.requireNonNull(settings, "settings").asWeChatTransportSettings(), http);
    }

    /**
     * Exchanges a login code, once.
     *
     * @throws IllegalArgumentException the code is blank or absurdly long (never sent)
     * @throws QqApiException           e.g. 40029 invalid code, 45011 rate limited, -1 busy (not retried)
     * @throws QqUnavailableException   QQ could not be reached or answered without openid/session_key
     */
    public QqSession exchange(QqApp app, String code) {
        Objects.requireNonNull(app, "app");
        if (!OneTimeCode.isWellFormed(code)) {
            throw new IllegalArgumentException("a login code must be 1 to " + OneTimeCode.MAX_LENGTH + " characters");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", app.appid());
        query.put("secret", app.secret());
        query.put("js_code", code);
        query.put("grant_type", "authorization_code");
        JsonNode answer = send(WeChatRequest.get(PATH, query, false));

        String openid = text(answer, "openid");
        String sessionKey = text(answer, "session_key");
        if (openid == null || sessionKey == null) {
            throw badResponse("code2Session answered without openid or session_key");
        }
        String unionid = text(answer, "unionid");
        if (openid.length() > MAX_ID_LENGTH || (unionid != null && unionid.length() > MAX_ID_LENGTH)) {
            throw badResponse("code2Session answered an openid or unionid over " + MAX_ID_LENGTH + " characters");
        }
        return new QqSession(openid, SessionKey.of(sessionKey), Optional.ofNullable(unionid));
    }

    /** The WeChat transport's answer, its failures restated as QQ's (the transport's own messages name WeChat). */
    private JsonNode send(WeChatRequest request) {
        try {
            return transport.send(request);
        } catch (WeChatApiException e) {
            throw new QqApiException(e.errcode(), e.errmsg());
        } catch (WeChatUnavailableException e) {
            throw switch (e.kind()) {
                case UNREACHABLE -> new QqUnavailableException(Kind.UNREACHABLE, "cannot reach QQ for " + request.path(), e.getCause());
                case TIMEOUT -> new QqUnavailableException(Kind.TIMEOUT, "QQ did not answer " + request.path() + " in time", e.getCause());
                case BAD_RESPONSE -> badResponse(e.getMessage().replace("WeChat", "QQ"));
            };
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static QqUnavailableException badResponse(String message) {
        return new QqUnavailableException(Kind.BAD_RESPONSE, message, null);
    }
}
