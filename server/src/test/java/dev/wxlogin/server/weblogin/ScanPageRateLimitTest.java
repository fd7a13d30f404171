package dev.wxlogin.server.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.MovableClockConfiguration;
import dev.wxlogin.server.ServiceTest;

/**
 * Each scan page makes a ticket and, once the browser shows it, a billed {@code getwxacodeunlimit}
 * call: one client address gets only so many a minute, and a refused load makes neither.
 */
@ServiceTest
@Import(MovableClockConfiguration.class)
@TestPropertySource(properties = "wxlogin.rate-limit.scan-page-per-client-ip=3")
class ScanPageRateLimitTest {

    private static final Pattern TICKET = Pattern.compile("data-ticket=\"([A-Za-z0-9_-]{22})\"");

    @LocalServerPort
    int port;
    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAddressOverTheLimitGetsAPageSaying429WithNoTicketAndNoWeChatCall() {
        HttpTestClient client = new HttpTestClient(port);
        for (int i = 0; i < 3; i++) {
            Response page = client.get("/login/scan");
            assertThat(page.status()).isEqualTo(200);
            Matcher ticket = TICKET.matcher(page.raw());
            assertThat(ticket.find()).as(page.raw()).isTrue();
            assertThat(client.getBytes("/login/scan/" + ticket.group(1) + "/code.png").statusCode()).isEqualTo(200);
        }
        long codesBefore = sandbox.callCount("getwxacodeunlimit");
        long ticketsBefore = tickets();

        Response refused = client.get("/login/scan");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.raw()).contains("Too many sign-in codes").contains("scan.css").doesNotContain("data-ticket");
        assertThat(refused.header("Set-Cookie")).isNull();
        assertThat(tickets()).isEqualTo(ticketsBefore);
        assertThat(sandbox.callCount("getwxacodeunlimit")).isEqualTo(codesBefore);

        clock.advance(Duration.ofMinutes(1));
        assertThat(client.get("/login/scan").status()).isEqualTo(200);
    }

    private long tickets() {
        return jdbc.sql("SELECT COUNT(*) FROM web_login_ticket").query(Long.class).single();
    }
}
