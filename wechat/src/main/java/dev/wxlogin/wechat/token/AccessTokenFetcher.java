package dev.wxlogin.wechat.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Asks WeChat for an access_token, from {@code POST /cgi-bin/stable_token} or the legacy
 * {@code GET /cgi-bin/token}. Every call is a request to WeChat; use {@link AccessTokenCache} to
 * reuse tokens. Thread-safe.
 */
public final class AccessTokenFetcher {

    static final String STABLE_PATH = "/cgi-bin/stable_token";
    static final String LEGACY_PATH = "/cgi-bin/token";

    private final WeChatApiTransport transport;
    private final AccessTokenEndpoint endpoint;
    private final Clock clock;

    public AccessTokenFetcher(WeChatApiTransport transport, AccessTokenEndpoint endpoint, Clock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A fetcher for stable_token judged by the system clock. */
    public AccessTokenFetcher(WeChatApiTransport transport) {
        this(transport, AccessTokenEndpoint.STABLE, Clock.systemUTC());
    }

    public AccessTokenEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The app's current token: from stable_token the one WeChat holds (a new one only within its
     * last minutes), from the legacy API always a new one. A {@code -1 busy} answer is retried as
     * the transport allows.
     *
     * @throws WeChatApiException         e.g. 40013 invalid appid, 40125 invalid secret, 40164 IP not whitelisted
     * @throws WeChatUnavailableException WeChat could not be reached or answered without a token
     */
    public AccessToken fetch(WeChatApp app) {
        return endpoint == AccessTokenEndpoint.STABLE ? stable(app, false) : legacy(app);
    }

    /**
     * Makes WeChat issue a new token and kill the current one at once, for every server using it
     * (stable_token with {@code force_refresh=true}; the legacy API always does so). WeChat allows
     * this 20 times a day, 30 s apart, so nothing in the core calls it on its own: a token rejected
     * with 40001 is replaced with {@link #fetch}, which already returns the new current token. Not
     * retried on {@code -1}.
     */
    public AccessToken forceNew(WeChatApp app) {
        return endpoint == AccessTokenEndpoint.STABLE ? stable(app, true) : legacy(app);
    }

    private AccessToken stable(WeChatApp app, boolean forceRefresh) {
        Objects.requireNonNull(app, "app");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credential");
        body.put("appid", app.appid());
        body.put("secret", app.secret());
        body.put("force_refresh", forceRefresh);
        Instant askedAt = clock.instant();
        return token(transport.send(WeChatRequest.postJson(STABLE_PATH, Map.of(), body, !forceRefresh)), askedAt);
    }

    private AccessToken legacy(WeChatApp app) {
        Objects.requireNonNull(app, "app");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", "client_credential");
        query.put("appid", app.appid());
        query.put("secret", app.secret());
        Instant askedAt = clock.instant();
        return token(transport.send(WeChatRequest.get(LEGACY_PATH, query, true)), askedAt);
    }

    /** Expiry counts from when we asked: WeChat issued the token no earlier than that. */
    private static AccessToken token(JsonNode answer, Instant askedAt) {
        JsonNode value = answer.get("access_token");
        JsonNode expiresIn = answer.get("expires_in");
        if (value == null || !value.isString() || value.asString().isBlank()
                || expiresIn == null || !expiresIn.isIntegralNumber() || expiresIn.asLong() <= 0) {
            throw new WeChatUnavailableException(Kind.BAD_RESPONSE, "the access_token answer lacks access_token or expires_in", null);
        }
        return new AccessToken(value.asString(), askedAt, askedAt.plus(Duration.ofSeconds(expiresIn.asLong())));
    }
}
