package dev.wxlogin.wechat.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.ScriptedWeChat;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatUnavailableException;

class AccessTokenFetcherTest {

    private static final WeChatApp APP = new WeChatApp("wx1", "s3cr3t/+value");
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @AutoClose
    private final ScriptedWeChat wechat;
    private final WeChatApiTransport transport;

    AccessTokenFetcherTest() throws IOException {
        wechat = new ScriptedWeChat();
        transport = new WeChatApiTransport(new WeChatClientSettings(
                wechat.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ofMillis(5)));
    }

    private AccessTokenFetcher fetcher(AccessTokenEndpoint endpoint) {
        return new AccessTokenFetcher(transport, endpoint, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void stableTokenIsPostedAsJsonWithoutForcingARefresh() {
        wechat.thenAccessToken("AT1");

        AccessToken token = fetcher(AccessTokenEndpoint.STABLE).fetch(APP);

        assertThat(token.value()).isEqualTo("AT1");
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(wechat.requests()).containsExactly(
                "POST /cgi-bin/stable_token {\"grant_type\":\"client_credential\",\"appid\":\"wx1\",\"secret\":\"s3cr3t/+value\",\"force_refresh\":false}");
    }

    @Test
    void forcingANewStableTokenAsksForItAndIsNotRetriedWhenBusy() {
        wechat.thenJson("{\"errcode\":-1,\"errmsg\":\"busy\"}").thenAccessToken("AT2");

        assertThatThrownBy(() -> fetcher(AccessTokenEndpoint.STABLE).forceNew(APP))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.SYSTEM_BUSY));
        assertThat(wechat.requests()).hasSize(1).allMatch(r -> r.contains("\"force_refresh\":true"));
    }

    @Test
    void legacyTokenIsAGetWithEncodedCredentials() {
        wechat.thenAccessToken("AT3");

        assertThat(fetcher(AccessTokenEndpoint.LEGACY).fetch(APP).value()).isEqualTo("AT3");
        assertThat(wechat.requests()).containsExactly(
                "GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3t%2F%2Bvalue ");
    }

    @Test
    void busyStableTokenIsRetried() {
        wechat.thenJson("{\"errcode\":-1}").thenAccessToken("AT4");
        assertThat(fetcher(AccessTokenEndpoint.STABLE).fetch(APP).value()).isEqualTo("AT4");
        assertThat(wechat.requests()).hasSize(2);
    }

    @Test
    void answerWithoutTokenOrLifetimeIsBadResponse() {
        wechat.thenJson("{\"expires_in\":7200}").thenJson("{\"access_token\":\"AT\",\"expires_in\":\"7200\"}")
                .thenJson("{\"access_token\":\"AT\",\"expires_in\":0}");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> fetcher(AccessTokenEndpoint.STABLE).fetch(APP))
                    .isInstanceOfSatisfying(WeChatUnavailableException.class,
                            e -> assertThat(e.kind()).isEqualTo(WeChatUnavailableException.Kind.BAD_RESPONSE));
        }
    }

    @Test
    void refusalsAreTypedAndNeverQuoteTheSecret() {
        wechat.thenJson("{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}")
                .thenJson("{\"errcode\":40164,\"errmsg\":\"invalid ip 1.2.3.4, not in whitelist\"}");

        assertThatThrownBy(() -> fetcher(AccessTokenEndpoint.STABLE).fetch(APP))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.INVALID_SECRET))
                .hasMessageNotContaining(APP.secret());
        assertThatThrownBy(() -> fetcher(AccessTokenEndpoint.LEGACY).fetch(APP))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.code()).isEqualTo("WX_IP_NOT_WHITELISTED"))
                .hasMessageNotContaining(APP.secret());
    }
}
