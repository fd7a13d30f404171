package dev.wxlogin.sandbox;

import static dev.wxlogin.sandbox.CoreAgainstSandbox.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.session.SessionKeyChecker;
import dev.wxlogin.wechat.session.WeChatSession;
import dev.wxlogin.wechat.token.AccessToken;
import dev.wxlogin.wechat.token.AccessTokenCache;
import dev.wxlogin.wechat.token.AccessTokenEndpoint;
import dev.wxlogin.wechat.token.AccessTokenFetcher;
import dev.wxlogin.wechat.token.InMemoryAccessTokenStore;

/** access_tokens: the sandbox issues them as WeChat does, and the core's cache fetches as few as it should. */
class SandboxAccessTokenTest {

    private final CoreAgainstSandbox wechat = new CoreAgainstSandbox();
    private final AccessTokenFetcher stable = wechat.fetcher(AccessTokenEndpoint.STABLE);
    private final AccessTokenFetcher legacy = wechat.fetcher(AccessTokenEndpoint.LEGACY);
    private final ExecutorService pool = Executors.newFixedThreadPool(100);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        wechat.close();
    }

    // ---- the sandbox as WeChat ------------------------------------------------------------------

    @Test
    void stableTokenStaysTheSameWhileValidAndReportsWhatIsLeftOfItsLife() {
        AccessToken first = stable.fetch(APP);
        wechat.clock.advance(Duration.ofHours(1));
        AccessToken again = stable.fetch(APP);

        assertThat(again.value()).isEqualTo(first.value());
        assertThat(again.expiresAt()).isEqualTo(first.expiresAt());
        assertThat(first.lifetime()).isEqualTo(Duration.ofSeconds(7200));
    }

    @Test
    void stableTokenIsRenewedInItsLastFiveMinutesWhileTheOldOneLivesOn() {
        AccessToken old = stable.fetch(APP);
        wechat.clock.advance(Duration.ofSeconds(7200 - 299));
        AccessToken renewed = stable.fetch(APP);

        assertThat(renewed.value()).isNotEqualTo(old.value());
        assertThat(probe(old)).isEqualTo(WeChatError.INVALID_OPENID);
        wechat.clock.advance(Duration.ofSeconds(299));
        assertThat(probe(old)).isEqualTo(WeChatError.ACCESS_TOKEN_EXPIRED);
        assertThat(probe(renewed)).isEqualTo(WeChatError.INVALID_OPENID);
    }

    @Test
    void forcedRefreshKillsTheOldTokenAtOnce() {
        AccessToken old = stable.fetch(APP);
        AccessToken forced = stable.forceNew(APP);

        assertThat(forced.value()).isNotEqualTo(old.value());
        assertThat(probe(old)).isEqualTo(WeChatError.INVALID_CREDENTIAL);
        assertThat(stable.fetch(APP).value()).isEqualTo(forced.value());
    }

    @Test
    void legacyTokenIsNewOnEveryCallAndThePreviousLivesFiveMoreMinutes() {
        AccessToken stableToken = stable.fetch(APP);
        AccessToken first = legacy.fetch(APP);
        AccessToken second = legacy.fetch(APP);

        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(probe(first)).isEqualTo(WeChatError.INVALID_OPENID);
        wechat.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(probe(first)).isEqualTo(WeChatError.INVALID_CREDENTIAL);
        assertThat(probe(second)).isEqualTo(WeChatError.INVALID_OPENID);
        // The two kinds of token do not touch each other.
        assertThat(probe(stableToken)).isEqualTo(WeChatError.INVALID_OPENID);
    }

    @Test
    void expiredTokenAnswers42001AndUnknownOne40001() {
        AccessToken token = stable.fetch(APP);
        wechat.clock.advance(Duration.ofSeconds(7200));

        assertThat(probe(token)).isEqualTo(WeChatError.ACCESS_TOKEN_EXPIRED);
        assertThat(probe(new AccessToken("made-up", token.obtainedAt(), token.expiresAt()))).isEqualTo(WeChatError.INVALID_CREDENTIAL);
    }

    @Test
    void tokensArePerApp() {
        assertThat(stable.fetch(APP).value()).isNotEqualTo(stable.fetch(CoreAgainstSandbox.OTHER_APP).value());
    }

    @Test
    void badCredentialsAreRefusedTypedAndTheSecretIsNeverQuoted() {
        WeChatApp wrongSecret = new WeChatApp(APP.appid(), "not-the-secret");
        for (AccessTokenFetcher fetcher : List.of(stable, legacy)) {
            assertThatThrownBy(() -> fetcher.fetch(wrongSecret))
                    .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.INVALID_SECRET))
                    .hasMessageNotContaining("not-the-secret");
            assertThatThrownBy(() -> fetcher.fetch(new WeChatApp("wxunknown", "x")))
                    .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.INVALID_APPID));
        }
    }

    @Test
    void faultsPlayOnTheTokenApis() {
        wechat.phone.fault("stable_token", Fault.html502(), 1);
        wechat.phone.fault("token", Fault.errcode(40164), 1);

        assertThatThrownBy(() -> stable.fetch(APP)).isInstanceOf(WeChatUnavailableException.class);
        assertThatThrownBy(() -> legacy.fetch(APP))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.IP_NOT_WHITELISTED));
        assertThat(wechat.phone.callCount("stable_token")).isEqualTo(1);
        assertThat(wechat.phone.callCount("token")).isEqualTo(1);
    }

    // ---- the cache against it ---------------------------------------------------------------------

    @Test
    void hundredConcurrentCallersAtExpiryCauseOneTokenFetch() throws Exception {
        AccessToken expired = wechat.tokens.get(APP);
        wechat.clock.advance(Duration.ofSeconds(7200));

        Set<String> seen = concurrently(100, () -> wechat.tokens.get(APP).value());

        assertThat(seen).hasSize(1).doesNotContain(expired.value());
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(2);
    }

    @Test
    void twoInstancesSharingAStoreFetchOnceForBoth() throws Exception {
        AccessTokenCache instanceA = wechat.cache(AccessTokenEndpoint.STABLE, wechat.store);
        AccessTokenCache instanceB = wechat.cache(AccessTokenEndpoint.STABLE, wechat.store);

        Set<String> first = concurrently(100, i -> (i % 2 == 0 ? instanceA : instanceB).get(APP).value());
        assertThat(first).hasSize(1);
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(1);

        wechat.clock.advance(Duration.ofSeconds(7200));
        Set<String> afterExpiry = concurrently(100, i -> (i % 2 == 0 ? instanceA : instanceB).get(APP).value());
        assertThat(afterExpiry).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(2);
    }

    @Test
    void appsDoNotShareATokenOrAFetch() throws Exception {
        Set<String> seen = concurrently(40, i -> wechat.tokens.get(i % 2 == 0 ? APP : CoreAgainstSandbox.OTHER_APP).value());
        assertThat(seen).hasSize(2);
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(2);
    }

    @Test
    void legacyEndpointCachedTheSameWayFetchesOnce() throws Exception {
        AccessTokenCache cache = wechat.cache(AccessTokenEndpoint.LEGACY, new InMemoryAccessTokenStore(wechat.clock));
        assertThat(concurrently(50, () -> cache.get(APP).value())).hasSize(1);
        assertThat(wechat.sandbox.callCount("token")).isEqualTo(1);
    }

    // ---- protected calls with a rejected token ----------------------------------------------------

    @Test
    void invalidatedTokenIsRefreshedOnceAndTheCallSucceeds() {
        WeChatSession session = loggedIn("alice");
        SessionKeyChecker checker = new SessionKeyChecker(wechat.calls);
        assertThat(checker.isCurrent(APP, session.openid(), session.sessionKey())).isTrue();

        wechat.phone.invalidateTokens(APP.appid());

        assertThat(checker.isCurrent(APP, session.openid(), session.sessionKey())).isTrue();
        assertThat(wechat.sandbox.callCount("checksession")).isEqualTo(3);
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(2);
    }

    @Test
    void hundredCallersRejectedTogetherCauseOneRefresh() throws Exception {
        WeChatSession session = loggedIn("alice");
        SessionKeyChecker checker = new SessionKeyChecker(wechat.calls);
        wechat.tokens.get(APP);
        wechat.phone.invalidateTokens(APP.appid());

        Set<Boolean> answers = concurrently(100, () -> checker.isCurrent(APP, session.openid(), session.sessionKey()));

        assertThat(answers).containsExactly(true);
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(2);
    }

    @Test
    void tokenRejectedAgainAfterTheRefreshIsReportedAfterOneRetry() {
        WeChatSession session = loggedIn("alice");
        wechat.phone.fault("checksession", Fault.errcode(40001), 2);

        assertThatThrownBy(() -> new SessionKeyChecker(wechat.calls).isCurrent(APP, session.openid(), session.sessionKey()))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.INVALID_CREDENTIAL))
                .hasMessageNotContaining(wechat.tokens.get(APP).value());
        assertThat(wechat.sandbox.callCount("checksession")).isEqualTo(2);
        assertThat(wechat.sandbox.callCount("stable_token")).isEqualTo(2);
    }

    @Test
    void tokenNeverShowsInToString() {
        AccessToken token = wechat.tokens.get(APP);
        assertThat(token.toString()).doesNotContain(token.value());
        assertThat(APP.toString()).doesNotContain(APP.secret());
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** What a protected API says to this token, probed with an openid nobody has: 40003 means accepted. */
    private WeChatError probe(AccessToken token) {
        try {
            wechat.transport.send(WeChatRequest.get("/wxa/checksession",
                    Map.of("access_token", token.value(), "openid", "o-nobody", "signature", "00", "sig_method", "hmac_sha256"), false));
            throw new AssertionError("an unknown openid was accepted");
        } catch (WeChatApiException e) {
            return e.error();
        }
    }

    private WeChatSession loggedIn(String user) {
        return wechat.code2Session.exchange(APP, wechat.phone.login(APP.appid(), user).code());
    }

    private <T> Set<T> concurrently(int callers, Callable<T> call) throws Exception {
        return concurrently(callers, i -> call.call());
    }

    private interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    /** Runs the call on that many threads released at once; returns the distinct results. */
    private <T> Set<T> concurrently(int callers, IndexedCall<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int index = i;
            results.add(pool.submit(() -> {
                start.await();
                return call.call(index);
            }));
        }
        start.countDown();
        List<T> values = new ArrayList<>();
        for (Future<T> result : results) {
            values.add(result.get());
        }
        return values.stream().collect(Collectors.toSet());
    }
}
