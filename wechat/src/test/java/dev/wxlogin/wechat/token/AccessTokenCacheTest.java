package dev.wxlogin.wechat.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.MutableClock;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.ScriptedWeChat;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;
import dev.wxlogin.wechat.token.SharedAccessTokenStore.RefreshLease;

class AccessTokenCacheTest {

    private static final WeChatApp APP = new WeChatApp("wx1", "secret");

    private final MutableClock clock = new MutableClock();
    @AutoClose
    private final ScriptedWeChat wechat;
    private final InMemoryAccessTokenStore store = new InMemoryAccessTokenStore(clock);
    private final AccessTokenCache cache;

    AccessTokenCacheTest() throws IOException {
        wechat = new ScriptedWeChat();
        WeChatApiTransport transport = new WeChatApiTransport(new WeChatClientSettings(
                wechat.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 0, Duration.ofMillis(5)));
        cache = new AccessTokenCache(new AccessTokenFetcher(transport, AccessTokenEndpoint.STABLE, clock), store,
                new AccessTokenCacheSettings(Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ofMillis(300), Duration.ofMillis(10)),
                clock);
    }

    @Test
    void tokenIsReusedUntilItIsDueThenReplaced() {
        wechat.thenAccessToken("AT1");
        wechat.thenAccessToken("AT2");

        assertThat(cache.get(APP).value()).isEqualTo("AT1");
        clock.advance(Duration.ofMinutes(114));
        assertThat(cache.get(APP).value()).isEqualTo("AT1");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(cache.get(APP).value()).isEqualTo("AT2");
        assertThat(wechat.requests()).hasSize(2);
    }

    @Test
    void failedRefreshAheadOfExpiryKeepsServingTheCurrentTokenUntilItExpires() {
        wechat.thenAccessToken("AT1");
        cache.get(APP);
        wechat.then(502, "text/html", "<html>502</html>");
        clock.advance(Duration.ofMinutes(117));

        assertThat(cache.get(APP).value()).isEqualTo("AT1");

        wechat.then(502, "text/html", "<html>502</html>");
        clock.advance(Duration.ofMinutes(3));
        assertThatThrownBy(() -> cache.get(APP))
                .isInstanceOfSatisfying(WeChatUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    }

    @Test
    void forceRefreshReplacesOnlyTheTokenThatIsStillCached() {
        wechat.thenAccessToken("AT1");
        wechat.thenAccessToken("AT2");
        AccessToken rejected = cache.get(APP);

        assertThat(cache.forceRefresh(APP, rejected).value()).isEqualTo("AT2");
        assertThat(cache.forceRefresh(APP, rejected).value()).isEqualTo("AT2");
        assertThat(wechat.requests()).hasSize(2);
    }

    @Test
    void forceRefreshIgnoresTheRejectedTokenInTheSharedStore() {
        wechat.thenAccessToken("AT1");
        wechat.thenAccessToken("AT2");
        AccessToken rejected = cache.get(APP);
        assertThat(store.get(APP.appid())).contains(rejected);

        assertThat(cache.forceRefresh(APP, rejected).value()).isEqualTo("AT2");
        assertThat(store.get(APP.appid()).orElseThrow().value()).isEqualTo("AT2");
    }

    @Test
    void callerWaitsForTheInstanceHoldingTheLeaseAndReadsItsToken() throws Exception {
        RefreshLease otherInstance = store.tryLease(APP.appid(), Duration.ofSeconds(20)).orElseThrow();
        CompletableFuture<AccessToken> waiting = CompletableFuture.supplyAsync(() -> cache.get(APP));

        store.put(APP.appid(), new AccessToken("FROM-OTHER", clock.instant(), clock.instant().plusSeconds(7200)));
        otherInstance.close();

        assertThat(waiting.get().value()).isEqualTo("FROM-OTHER");
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void dueTokenOfAnotherInstanceIsUsedWhileThatInstanceRefreshesIt() {
        store.put(APP.appid(), new AccessToken("OLD", clock.instant(), clock.instant().plusSeconds(7200)));
        clock.advance(Duration.ofMinutes(118));
        store.tryLease(APP.appid(), Duration.ofSeconds(20)).orElseThrow();

        assertThat(cache.get(APP).value()).isEqualTo("OLD");
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void callerGivesUpWhenTheOtherInstanceNeverFinishes() {
        store.tryLease(APP.appid(), Duration.ofSeconds(20)).orElseThrow();

        assertThatThrownBy(() -> cache.get(APP))
                .isInstanceOfSatisfying(WeChatUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void lapsedLeaseOfACrashedInstanceIsTakenOver() {
        store.tryLease(APP.appid(), Duration.ofSeconds(20)).orElseThrow();
        clock.advance(Duration.ofSeconds(21));
        wechat.thenAccessToken("AT1");

        assertThat(cache.get(APP).value()).isEqualTo("AT1");
    }
}
