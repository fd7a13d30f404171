package dev.wxlogin.wechat.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.MutableClock;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.ScriptedWeChat;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatApiTransport;
import dev.wxlogin.wechat.api.WeChatClientSettings;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.token.AccessTokenCache;
import dev.wxlogin.wechat.token.AccessTokenCacheSettings;
import dev.wxlogin.wechat.token.AccessTokenEndpoint;
import dev.wxlogin.wechat.token.AccessTokenFetcher;
import dev.wxlogin.wechat.token.InMemoryAccessTokenStore;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;

class PhoneNumberClientTest {

    private static final WeChatApp APP = new WeChatApp("wx1", "secret");

    private final MutableClock clock = new MutableClock();
    @AutoClose
    private final ScriptedWeChat wechat;
    private final PhoneNumberClient client;

    PhoneNumberClientTest() throws IOException {
        wechat = new ScriptedWeChat();
        WeChatApiTransport transport = new WeChatApiTransport(new WeChatClientSettings(
                wechat.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ofMillis(5)));
        client = new PhoneNumberClient(new TokenAuthorizedTransport(transport, new AccessTokenCache(
                new AccessTokenFetcher(transport, AccessTokenEndpoint.STABLE, clock), new InMemoryAccessTokenStore(clock),
                AccessTokenCacheSettings.defaults(), clock)));
        wechat.thenAccessToken("AT1");
    }

    @Test
    void codeIsPostedWithTheTokenAndPhoneInfoParsed() {
        wechat.thenJson("{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"13580006666\",\"purePhoneNumber\":\"13580006666\","
                + "\"countryCode\":86,\"watermark\":{\"timestamp\":1637744274,\"appid\":\"wx1\"}}}");

        PhoneNumber phone = client.exchange(APP, "phone-code", "o1");

        assertThat(phone.purePhoneNumber()).isEqualTo("13580006666");
        assertThat(phone.countryCode()).isEqualTo("86");
        assertThat(phone.stampedAt()).isEqualTo(Instant.ofEpochSecond(1637744274));
        assertThat(wechat.requests().get(1))
                .isEqualTo("POST /wxa/business/getuserphonenumber?access_token=AT1 {\"code\":\"phone-code\",\"openid\":\"o1\"}");
    }

    @Test
    void busyIsNotRetriedBecauseTheCallIsPaid() {
        wechat.thenJson("{\"errcode\":-1,\"errmsg\":\"system error\"}").thenJson("{\"errcode\":0}");

        assertThatThrownBy(() -> client.exchange(APP, "phone-code"))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.SYSTEM_BUSY));
        assertThat(wechat.requests()).hasSize(2);
    }

    @Test
    void phoneInfoForAnotherAppIsBadResponse() {
        wechat.thenJson("{\"errcode\":0,\"phone_info\":{\"phoneNumber\":\"1\",\"purePhoneNumber\":\"1\",\"countryCode\":\"86\","
                + "\"watermark\":{\"timestamp\":1,\"appid\":\"wxother\"}}}");

        assertThatThrownBy(() -> client.exchange(APP, "phone-code"))
                .isInstanceOfSatisfying(WeChatUnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(WeChatUnavailableException.Kind.BAD_RESPONSE));
    }

    @Test
    void answerWithoutPhoneInfoIsBadResponse() {
        wechat.thenJson("{\"errcode\":0,\"errmsg\":\"ok\"}");
        assertThatThrownBy(() -> client.exchange(APP, "phone-code")).isInstanceOf(WeChatUnavailableException.class);
    }

    @Test
    void blankOrHugeCodeIsNeverSent() {
        assertThatThrownBy(() -> client.exchange(APP, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.exchange(APP, "x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThat(wechat.requests()).isEmpty();
    }
}
