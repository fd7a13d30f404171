package dev.wxlogin.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.session.Code2SessionClient;
import dev.wxlogin.wechat.token.AccessTokenCache;
import dev.wxlogin.wechat.token.AccessTokenCacheSettings;
import dev.wxlogin.wechat.token.AccessTokenEndpoint;
import dev.wxlogin.wechat.token.AccessTokenFetcher;
import dev.wxlogin.wechat.token.InMemoryAccessTokenStore;
import dev.wxlogin.wechat.token.SharedAccessTokenStore;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;

/** A sandbox on a test clock and the core's real clients pointed at it over HTTP. */
final class CoreAgainstSandbox implements AutoCloseable {

    static final WeChatApp APP = new WeChatApp("wxsandbox000000001", "app-secret");
    static final WeChatApp OTHER_APP = new WeChatApp("wxsandbox000000002", "other-secret");

    final MutableClock clock = new MutableClock();
    final SandboxWeChat sandbox;
    final SandboxPhone phone;
    final WeChatApiTransport transport;
    final Code2SessionClient code2Session;
    final InMemoryAccessTokenStore store = new InMemoryAccessTokenStore(clock);
    final AccessTokenCache tokens;
    final TokenAuthorizedTransport calls;

    CoreAgainstSandbox() {
        try {
            sandbox = SandboxWeChat.start(SandboxSettings.of(
                    new SandboxApp(APP.appid(), APP.secret(), true),
                    new SandboxApp(OTHER_APP.appid(), OTHER_APP.secret(), true)).withClock(clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        phone = new SandboxPhone(sandbox.baseUrl());
        // Generous timeouts: these tests count calls, they do not time them.
        transport = new WeChatApiTransport(new WeChatClientSettings(
                sandbox.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ofMillis(5)));
        code2Session = new Code2SessionClient(transport);
        tokens = cache(AccessTokenEndpoint.STABLE, store);
        calls = new TokenAuthorizedTransport(transport, tokens);
    }

    /** Another cache, as another instance of the service would have, sharing {@code store}. */
    AccessTokenCache cache(AccessTokenEndpoint endpoint, SharedAccessTokenStore store) {
        return new AccessTokenCache(fetcher(endpoint), store, AccessTokenCacheSettings.defaults(), clock);
    }

    AccessTokenFetcher fetcher(AccessTokenEndpoint endpoint) {
        return new AccessTokenFetcher(transport, endpoint, clock);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
