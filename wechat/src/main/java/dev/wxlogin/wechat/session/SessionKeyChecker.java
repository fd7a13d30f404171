package dev.wxlogin.wechat.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;
import tools.jackson.databind.JsonNode;

/**
 * Asks WeChat whether the session_key we hold for a user is still current
 * ({@code GET /wxa/checksession}) and has it replaced ({@code GET /wxa/resetusersessionkey}).
 * A stale key means the user logged in again elsewhere or the key was reset: decryption with it
 * fails, and the client should call {@code wx.login} again.
 */
public final class SessionKeyChecker {

    static final String CHECK_PATH = "/wxa/checksession";
    static final String RESET_PATH = "/wxa/resetusersessionkey";

    private final TokenAuthorizedTransport calls;

    public SessionKeyChecker(TokenAuthorizedTransport calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * Whether {@code sessionKey} is the user's current one. Read-only, so a busy answer is retried.
     *
     * @return {@code false} when WeChat answers 87009 (the signature made with this key does not match)
     * @throws WeChatApiException         any other errcode, e.g. 40003 unknown openid
     * @throws WeChatUnavailableException WeChat could not be reached
     */
    public boolean isCurrent(WeChatApp app, String openid, SessionKey sessionKey) {
        try {
            calls.send(app, WeChatRequest.get(CHECK_PATH, signedQuery(openid, sessionKey), true));
            return true;
        } catch (WeChatApiException e) {
            if (e.error() == WeChatError.INVALID_SIGNATURE) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Makes WeChat replace the user's session_key, proving the current one. Not retried on
     * {@code -1}: a reset that took effect cannot be repeated with the old key.
     *
     * @return the new session_key
     * @throws WeChatApiException         87009 when {@code currentKey} is already stale, or another errcode
     * @throws WeChatUnavailableException WeChat could not be reached or answered without a session_key
     */
    public SessionKey reset(WeChatApp app, String openid, SessionKey currentKey) {
        JsonNode answer = calls.send(app, WeChatRequest.get(RESET_PATH, signedQuery(openid, currentKey), false));
        JsonNode key = answer.get("session_key");
        if (key == null || !key.isString() || key.asString().isBlank()) {
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "resetusersessionkey answered without a session_key", null);
        }
        return SessionKey.of(key.asString());
    }

    private static Map<String, String> signedQuery(String openid, SessionKey sessionKey) {
        if (openid == null || openid.isBlank()) {
            throw new IllegalArgumentException("openid must not be blank");
        }
        Objects.requireNonNull(sessionKey, "sessionKey");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("openid", openid);
        query.put("signature", SessionKeySignature.forCheckSession(sessionKey));
        query.put("sig_method", "hmac_sha256");
        return query;
    }
}
