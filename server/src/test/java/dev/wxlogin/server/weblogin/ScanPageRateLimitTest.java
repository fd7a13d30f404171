package dev.wxlogin.server.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.oidc.OidcClients;
import dev.wxlogin.server.ratelimit.AdjustableRateLimits;
import dev.wxlogin.server.ratelimit.RateLimitProperties;

/**
 * Each scan page makes a ticket and, once the browser shows it, a billed {@code getwxacodeunlimit}
 * call: one client address gets only so many a minute, and a refused load makes neither.
 */
@RedisMatrix
@ServiceTest
class ScanPageRateLimitTest {

    @LocalServerPort
    int port;
    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    AdjustableRateLimits.Limiter rateLimits;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OidcClients websites;

    @Fixture HttpTestClient client;

    @BeforeEach
    void limits() {
        // three scan pages per minute from one address
        rateLimits.set(new RateLimitProperties(0, 0, 0, 0, 0, 0, 3, 0));
    }

    @Test
    void anAddressOverTheLimitGetsAPageSaying429WithNoTicketAndNoWeChatCall() {
        String service = "http://127.0.0.1:" + port;
        TestBrowser.registerWebsite(websites, "rate-site");
        TestBrowser browser = new TestBrowser();
        browser.get(TestBrowser.authorizeUrl(service, "rate-site"));
        for (int i = 0; i < 3; i++) {
            String ticket = browser.scanPageTicket(service);
            assertThat(client.getBytes("/login/scan/" + ticket + "/code.png").statusCode()).isEqualTo(200);
        }
        long codesBefore = sandbox.callCount("getwxacodeunlimit");
        long ticketsBefore = tickets();

        HttpResponse<String> refused = browser.get(service + "/login/scan");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.body()).contains("Too many sign-in codes").contains("登录码请求过多").contains("scan.css")
                .doesNotContain("data-ticket");
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(tickets()).isEqualTo(ticketsBefore);
        assertThat(sandbox.callCount("getwxacodeunlimit")).isEqualTo(codesBefore);

        clock.advance(Duration.ofMinutes(1));
        assertThat(browser.get(service + "/login/scan").statusCode()).isEqualTo(200);
    }

    private long tickets() {
        return jdbc.sql("SELECT COUNT(*) FROM web_login_ticket").query(Long.class).single();
    }
}
