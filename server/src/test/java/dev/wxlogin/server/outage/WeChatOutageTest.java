package dev.wxlogin.server.outage;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.oidc.TwoTestWebsites;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * While WeChat hangs or fails, logins are refused at once with 503 WX_UNAVAILABLE instead of piling
 * up, and the endpoints that do not call WeChat keep answering. It runs once, on H2: what it proves is the
 * bulkhead and breaker in front of WeChat, and that a login waiting on WeChat holds no pooled database
 * connection meanwhile (the refreshes beside it are answered), which is our code and the pool's, the same
 * on every database.
 */
@ServiceTest
@TestPropertySource(properties = {
        "wxlogin.wechat.max-concurrent-calls=16",
        "wxlogin.wechat.request-timeout=20s",
        "wxlogin.wechat.breaker.window=4",
        "wxlogin.wechat.breaker.minimum-calls=4",
        "wxlogin.wechat.breaker.failure-rate=50",
        "wxlogin.wechat.breaker.open-for=30s",
        "wxlogin.wechat.breaker.half-open-calls=2",
})
class WeChatOutageTest {

    private static final int MAX_CONCURRENT = 16;
    private static final String WXACODE = "getwxacodeunlimit";

    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    MutableClock clock;
    @Autowired
    WeChatGuard guard;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @BeforeEach
    void stopTheClock() {
        // The breaker's open period is measured on the service's clock: only the test moves it here.
        clock.stop();
    }

    @Test
    void loginsStuckOnASlowWeChatAreCappedAndEverythingElseKeepsAnswering() throws Exception {
        LoggedIn reader = TestLogins.loginNew(client, phone, appid, "outage-reader");
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            refreshTokens.add(TestLogins.loginNew(client, phone, appid, "outage-refresher").refreshToken());
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            codes.add(phone.login(appid, TestUsers.unique("outage-slow")).code());
        }
        long weChatCallsBefore = sandbox.callCount("jscode2session");
        phone.fault("jscode2session", Fault.slow(3_000), 200);

        ExecutorService logins = Executors.newFixedThreadPool(200);
        ExecutorService others = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> loginAnswers = new ArrayList<>();
            for (String code : codes) {
                loginAnswers.add(logins.submit(() -> client.postJson("/api/v1/login", Map.of("code", code))));
            }
            List<Future<Response>> otherAnswers = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                otherAnswers.add(others.submit(() -> client.get("/api/v1/me", reader.accessToken())));
            }
            for (String refreshToken : refreshTokens) {
                otherAnswers.add(others.submit(() -> client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken))));
            }

            for (Future<Response> answer : otherAnswers) {
                Response response = answer.get(120, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.raw()).isEqualTo(200);
            }
            int succeeded = 0;
            int refused = 0;
            for (Future<Response> answer : loginAnswers) {
                Response response = answer.get(120, TimeUnit.SECONDS);
                if (response.status() == 200) {
                    succeeded++;
                } else {
                    assertError(response, 503, "WX_UNAVAILABLE");
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                    refused++;
                }
            }
            assertThat(succeeded + refused).isEqualTo(200);
            assertThat(succeeded).isPositive();
            assertThat(refused).isPositive();
            // At most MAX_CONCURRENT were ever with WeChat at once; the ones refused never reached it.
            assertThat(sandbox.callCount("jscode2session") - weChatCallsBefore).isEqualTo(succeeded);
        } finally {
            logins.shutdownNow();
            others.shutdownNow();
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void breakerOpensWhileWeChatFailsAndClosesWhenItRecovers() {
        LoggedIn reader = TestLogins.loginNew(client, phone, appid, "breaker-reader");
        assertThat(breakerState("closed")).isEqualTo(1.0);

        // User errors are WeChat working: they never open the breaker.
        phone.fault("jscode2session", Fault.errcode(40029), 6);
        for (int i = 0; i < 6; i++) {
            assertError(client.postJson("/api/v1/login", Map.of("code", "bad-" + i)), 401, "WX_CODE_INVALID");
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        // WeChat's HTML 502 page twice: two failures in the last four calls reach 50%, and the breaker opens.
        phone.fault("jscode2session", Fault.html502(), 2);
        for (int i = 0; i < 2; i++) {
            assertError(client.postJson("/api/v1/login", Map.of("code", phone.login(appid, TestUsers.unique("b")).code())),
                    502, "WX_BAD_RESPONSE");
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakerState("open")).isEqualTo(1.0);

        // Open: logins are refused without calling WeChat; what does not need WeChat still works.
        long calls = sandbox.callCount("jscode2session");
        Response refused = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, TestUsers.unique("b")).code()));
        assertError(refused, 503, "WX_UNAVAILABLE");
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(sandbox.callCount("jscode2session")).isEqualTo(calls);
        assertThat(client.get("/api/v1/me", reader.accessToken()).status()).isEqualTo(200);
        assertThat(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", reader.refreshToken())).status()).isEqualTo(200);

        // After open-for, trial calls go through; WeChat has recovered, so the breaker closes.
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 2; i++) {
            Response login = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, TestUsers.unique("b")).code()));
            assertThat(login.status()).as(login.raw()).isEqualTo(200);
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakerState("closed")).isEqualTo(1.0);
        assertThat(breakerState("open")).isEqualTo(0.0);
    }

    /** The scan page's mini-program code is a WeChat call like a login: the same breaker counts and refuses it. */
    @Test
    void scanPageCodesGoThroughTheBreaker() {
        for (int i = 0; i < 2; i++) {
            Response code = client.get("/login/scan/" + newTicket() + "/code.png");
            assertThat(code.status()).as(code.raw()).isEqualTo(200);
        }
        phone.fault(WXACODE, Fault.html502(), 2);
        for (int i = 0; i < 2; i++) {
            Response code = client.get("/login/scan/" + newTicket() + "/code.png");
            assertError(code, 502, "WX_BAD_RESPONSE");
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);

        long calls = sandbox.callCount(WXACODE);
        Response refused = client.get("/login/scan/" + newTicket() + "/code.png");
        assertError(refused, 503, "WX_UNAVAILABLE");
        assertThat(sandbox.callCount(WXACODE)).isEqualTo(calls);

        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 2; i++) {
            Response code = client.get("/login/scan/" + newTicket() + "/code.png");
            assertThat(code.status()).as(code.raw()).isEqualTo(200);
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** The ticket of a scan page, as a browser sent to sign in at the portal (a registered website) gets one. */
    private String newTicket() {
        String service = "http://127.0.0.1:" + port;
        TestBrowser browser = new TestBrowser();
        browser.get(service + "/oauth2/authorize?response_type=code&client_id=portal&scope=openid&state=s&nonce=n&redirect_uri="
                + URLEncoder.encode(TwoTestWebsites.REDIRECT, StandardCharsets.UTF_8));
        return browser.scanPageTicket(service);
    }

    private double breakerState(String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("name", WeChatGuard.NAME).tag("state", state).gauge().value();
    }
}
