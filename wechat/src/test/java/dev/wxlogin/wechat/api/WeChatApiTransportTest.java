package dev.wxlogin.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;

class WeChatApiTransportTest {

    @AutoClose
    private final ScriptedWeChat wechat;
    private final WeChatApiTransport transport;

    WeChatApiTransportTest() throws IOException {
        wechat = new ScriptedWeChat();
        transport = transport(Duration.ofSeconds(5));
    }

    /** Generous by default: a loaded CI machine may take a while to answer the first request. */
    private WeChatApiTransport transport(Duration requestTimeout) {
        return new WeChatApiTransport(new WeChatClientSettings(
                wechat.baseUrl(), Duration.ofSeconds(2), requestTimeout, 2, Duration.ofMillis(10)));
    }

    @Test
    void queryParametersAreUrlEncoded() {
        wechat.thenJson("{\"ok\":true}");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("js_code", "a+b/c=d&e f");
        query.put("appid", "wx1");
        transport.send(WeChatRequest.get("/sns/jscode2session", query, true));

        assertThat(wechat.requests()).containsExactly("GET /sns/jscode2session?js_code=a%2Bb%2Fc%3Dd%26e+f&appid=wx1 ");
    }

    @Test
    void successWithErrcodeZeroOrNoErrcodeIsReturned() {
        wechat.thenJson("{\"errcode\":0,\"errmsg\":\"ok\",\"a\":1}").thenJson("{\"a\":2}");
        assertThat(transport.send(get()).get("a").asInt()).isEqualTo(1);
        assertThat(transport.send(get()).get("a").asInt()).isEqualTo(2);
    }

    @Test
    void errcodeBecomesTypedException() {
        wechat.thenJson("{\"errcode\":40226,\"errmsg\":\"high risk user\"}");
        assertThatThrownBy(() -> transport.send(get()))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(WeChatError.HIGH_RISK_USER);
                    assertThat(e.errcode()).isEqualTo(40226);
                    assertThat(e.code()).isEqualTo("WX_USER_BLOCKED");
                });
    }

    @Test
    void unknownErrcodeIsKeptAsOther() {
        wechat.thenJson("{\"errcode\":12345,\"errmsg\":\"?\"}");
        assertThatThrownBy(() -> transport.send(get()))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(WeChatError.OTHER);
                    assertThat(e.errcode()).isEqualTo(12345);
                });
    }

    @Test
    void busyIsRetriedABoundedNumberOfTimes() {
        wechat.thenJson("{\"errcode\":-1}").thenJson("{\"errcode\":-1}").thenJson("{\"ok\":1}");
        assertThat(transport.send(get()).get("ok").asInt()).isEqualTo(1);
        assertThat(wechat.requests()).hasSize(3);
    }

    @Test
    void busyBeyondTheRetriesIsReported() {
        wechat.thenJson("{\"errcode\":-1}").thenJson("{\"errcode\":-1}").thenJson("{\"errcode\":-1}").thenJson("{\"ok\":1}");
        assertThatThrownBy(() -> transport.send(get()))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.error()).isEqualTo(WeChatError.SYSTEM_BUSY));
        assertThat(wechat.requests()).hasSize(3);
    }

    @Test
    void busyIsNotRetriedWhenTheRequestForbidsIt() {
        wechat.thenJson("{\"errcode\":-1}").thenJson("{\"ok\":1}");
        assertThatThrownBy(() -> transport.send(WeChatRequest.postJson("/x", Map.of(), Map.of("code", "c"), false)))
                .isInstanceOf(WeChatApiException.class);
        assertThat(wechat.requests()).hasSize(1);
    }

    @Test
    void postSendsJsonBody() {
        wechat.thenJson("{}");
        transport.send(WeChatRequest.postJson("/wxa/x", Map.of("access_token", "t"), Map.of("code", "abc"), false));
        assertThat(wechat.requests()).containsExactly("POST /wxa/x?access_token=t {\"code\":\"abc\"}");
    }

    @Test
    void htmlErrorPageIsBadResponse() {
        wechat.then(502, "text/html", "<html><body>502 Bad Gateway</body></html>");
        assertUnavailable(Kind.BAD_RESPONSE);
    }

    @Test
    void nonJsonWith200IsBadResponse() {
        wechat.then(200, "text/html", "<html>maintenance</html>");
        assertUnavailable(Kind.BAD_RESPONSE);
        wechat.thenJson("[1,2]");
        assertUnavailable(Kind.BAD_RESPONSE);
    }

    @Test
    void slowAnswerIsTimeout() {
        wechat.thenSlow(2000, "{}");
        assertThatThrownBy(() -> transport(Duration.ofMillis(300)).send(get()))
                .isInstanceOfSatisfying(WeChatUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WeChatApiTransport nowhere = new WeChatApiTransport(WeChatClientSettings.defaults(URI.create("http://127.0.0.1:" + port)));
        assertThatThrownBy(() -> nowhere.send(get()))
                .isInstanceOfSatisfying(WeChatUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
    }

    @Test
    void messagesNeverContainQueryValues() {
        wechat.then(502, "text/html", "bad");
        assertThatThrownBy(() -> transport.send(WeChatRequest.get("/sns/jscode2session", Map.of("secret", "s3cr3t-value"), true)))
                .hasMessageNotContaining("s3cr3t-value");
        assertThat(WeChatRequest.get("/p", Map.of("secret", "s3cr3t-value"), true).toString()).doesNotContain("s3cr3t-value");
    }

    private static WeChatRequest get() {
        return WeChatRequest.get("/sns/jscode2session", Map.of(), true);
    }

    private void assertUnavailable(Kind kind) {
        assertThatThrownBy(() -> transport.send(get()))
                .isInstanceOfSatisfying(WeChatUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.code()).isEqualTo(kind.code());
                });
    }
}
