package dev.wxlogin.server.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestChromium;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.oidc.TwoTestWebsites;

/**
 * The scan page in a real browser (Chromium, Playwright) on an instance whose event streams are all
 * taken (a ceiling of 0): the stream's 429 turns the page to polling, which still follows the scan;
 * and a page the browser leaves stops polling.
 */
@ServiceTest
@TwoTestWebsites
@Tag("browser")
@TestPropertySource(properties = "wxlogin.web-login.event-streams=0")
class ScanPagePollingBrowserTest {

    @RegisterExtension
    static final TestChromium chromium = new TestChromium();

    @Fixture URI service;
    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void refusedEventsTurnThePageToPollingWhichFollowsTheScanAndStopsWhenThePageIsLeft() throws Exception {
        try (BrowserContext context = chromium.newContext()) {
            // The page's timers run on a clock the test can move: time flows as usual until runFor below.
            context.clock().install();
            Page page = context.newPage();
            AtomicInteger refusedStreams = new AtomicInteger();
            AtomicInteger polls = new AtomicInteger();
            page.onResponse(response -> {
                if (response.url().endsWith("/events") && response.status() == 429) {
                    refusedStreams.incrementAndGet();
                }
            });
            page.onRequest(request -> {
                if (request.url().endsWith("/status")) {
                    polls.incrementAndGet();
                }
            });
            page.navigate(service + "/oauth2/authorize?response_type=code&client_id=spa&scope=openid"
                    + "&redirect_uri=" + URLEncoder.encode(TwoTestWebsites.REDIRECT, StandardCharsets.UTF_8)
                    + "&state=s&nonce=n&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
            String ticket = page.locator("body").getAttribute("data-ticket");
            LoggedIn user = TestLogins.loginNew(client, phone, appid, "polled");

            assertThat(client.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken()).status())
                    .isEqualTo(200);

            PlaywrightAssertions.assertThat(page.locator("#status")).hasAttribute("data-status", "SCANNED");
            assertThat(refusedStreams.get()).as("the event stream was refused").isPositive();
            assertThat(polls.get()).as("the page polled instead").isPositive();

            page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))");
            int pollsWhenLeft = polls.get();
            // Two and more polling intervals (1.5 s) pass at once; a timer still set would fetch again.
            page.clock().runFor(4000);
            page.evaluate("1");
            assertThat(polls.get()).as("no polling once the page is left").isLessThanOrEqualTo(pollsWhenLeft + 1);
        }
    }
}
