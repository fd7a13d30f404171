package dev.wxlogin.wechat.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.MutableClock;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.ScriptedWeChat;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatRequest;

class TokenAuthorizedTransportTest {

    private static final WeChatApp APP = new WeChatApp("wx1", "secret");
    private static final WeChatRequest CALL = WeChatRequest.get("/wxa/checksession", Map.of("openid", "o1"), true);

    private final MutableClock clock = new MutableClock();
    @AutoClose
    private final ScriptedWeChat wechat;
    private final TokenAuthorizedTransport calls;

    TokenAuthorizedTransportTest() throws IOException {
        wechat = new ScriptedWeChat();
        WeChatApiTransport transport = new WeChatApiTransport(new WeChatClientSettings(
                wechat.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 0, Duration.ofMillis(5)));
        AccessTokenCache cache = new AccessTokenCache(new AccessTokenFetcher(transport, AccessTokenEndpoint.STABLE, clock),
                new InMemoryAccessTokenStore(clock), AccessTokenCacheSettings.defaults(), clock);
        calls = new TokenAuthorizedTransport(transport, cache);
    }

    @Test
    void tokenLeadsTheQuery() {
        wechat.thenAccessToken("AT1");
        wechat.thenJson("{\"errcode\":0,\"errmsg\":\"ok\"}");

        calls.send(APP, CALL);

        assertThat(wechat.requests().get(1)).isEqualTo("GET /wxa/checksession?access_token=AT1&openid=o1 ");
    }

    @Test
    void staleTokenIsReplacedOnceAndTheCallSentAgain() {
        for (WeChatError stale : new WeChatError[] {WeChatError.INVALID_CREDENTIAL, WeChatError.ACCESS_TOKEN_EXPIRED, WeChatError.INVALID_ACCESS_TOKEN}) {
            wechat.thenAccessToken("OLD-" + stale.errcode());
            wechat.thenJson("{\"errcode\":" + stale.errcode() + "}");
            wechat.thenAccessToken("NEW-" + stale.errcode());
            wechat.thenJson("{\"errcode\":0,\"ok\":1}");
            clock.advance(Duration.ofHours(3));

            assertThat(calls.send(APP, CALL).get("ok").asInt()).isEqualTo(1);
        }
        assertThat(wechat.requests()).hasSize(12);
        assertThat(wechat.requests().get(3)).startsWith("GET /wxa/checksession?access_token=NEW-40001&");
    }

    @Test
    void secondRejectionIsReportedWithoutAThirdTry() {
        wechat.thenAccessToken("AT1");
        wechat.thenJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
        wechat.thenAccessToken("AT2");
        wechat.thenJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");

        assertThatThrownBy(() -> calls.send(APP, CALL))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.INVALID_CREDENTIAL))
                .hasMessageNotContaining("AT1").hasMessageNotContaining("AT2");
        assertThat(wechat.requests()).hasSize(4);
    }

    @Test
    void otherErrorsAreNotRetried() {
        wechat.thenAccessToken("AT1");
        wechat.thenJson("{\"errcode\":87009,\"errmsg\":\"invalid signature\"}");

        assertThatThrownBy(() -> calls.send(APP, CALL))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.INVALID_SIGNATURE));
        assertThat(wechat.requests()).hasSize(2);
    }

    @Test
    void requestCarryingItsOwnTokenIsRefused() {
        assertThatThrownBy(() -> calls.send(APP, WeChatRequest.get("/x", Map.of("access_token", "mine"), true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wechat.requests()).isEmpty();
    }
}
