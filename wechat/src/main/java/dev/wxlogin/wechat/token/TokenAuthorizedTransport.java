package dev.wxlogin.wechat.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import tools.jackson.databind.JsonNode;

/**
 * Calls the WeChat APIs that need an access_token: adds the app's cached token to the query and,
 * when WeChat rejects it ({@link WeChatError#isStaleAccessToken()}: 40001, 42001, 40014), replaces
 * it once and sends the call once more. A second rejection is reported as it came.
 *
 * <p>Retrying after a rejected token is safe even for paid or single-use calls: WeChat checks the
 * token before it looks at anything else. Thread-safe.
 */
public final class TokenAuthorizedTransport {

    static final String ACCESS_TOKEN = "access_token";

    private final WeChatApiTransport transport;
    private final AccessTokenCache tokens;

    public TokenAuthorizedTransport(WeChatApiTransport transport, AccessTokenCache tokens) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    public AccessTokenCache tokens() {
        return tokens;
    }

    /**
     * Sends the request for the app with its access_token.
     *
     * @param request the call without {@code access_token}; its own busy-retry choice is kept
     * @throws WeChatApiException         WeChat answered an errcode, a stale token even after one refresh included
     * @throws WeChatUnavailableException WeChat could not be reached or answered nonsense
     */
    public JsonNode send(WeChatApp app, WeChatRequest request) {
        return authorized(app, request, transport::send);
    }

    /**
     * Sends a request WeChat answers with an image, with the app's access_token; see
     * {@link WeChatApiTransport#sendForImage}.
     */
    public byte[] sendForImage(WeChatApp app, WeChatRequest request) {
        return authorized(app, request, transport::sendForImage);
    }

    private <T> T authorized(WeChatApp app, WeChatRequest request, Function<WeChatRequest, T> send) {
        Objects.requireNonNull(app, "app");
        if (request.query().containsKey(ACCESS_TOKEN)) {
            throw new IllegalArgumentException("the request must not carry its own access_token");
        }
        AccessToken token = tokens.get(app);
        try {
            return send.apply(withToken(request, token));
        } catch (WeChatApiException e) {
            if (!e.error().isStaleAccessToken()) {
                throw e;
            }
            return send.apply(withToken(request, tokens.forceRefresh(app, token)));
        }
    }

    private static WeChatRequest withToken(WeChatRequest request, AccessToken token) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(ACCESS_TOKEN, token.value());
        query.putAll(request.query());
        return new WeChatRequest(request.path(), query, request.jsonBody(), request.retryOnBusy());
    }
}
