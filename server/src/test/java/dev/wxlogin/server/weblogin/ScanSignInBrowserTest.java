package dev.wxlogin.server.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import dev.wxlogin.sandbox.MiniProgramCodes;
import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.MovableClockConfiguration;
import dev.wxlogin.server.TestChromium;
import dev.wxlogin.server.TestDatabaseCondition;
import dev.wxlogin.server.TestDatabaseInitializer;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.webclient.WebClientApp;
import tools.jackson.databind.JsonNode;

/**
 * Signing in to a website by scanning, end to end in a real browser (Debian's Chromium driven by
 * Playwright): a stock Spring Boot OAuth2 client website sends the browser to wxlogin, whose scan page
 * shows a mini-program code; the test reads the code off the screen, and a simulated phone logs in,
 * scans and confirms through the mini program's endpoints; signing out of the website signs the
 * browser out of wxlogin too. Screenshots go to target/screenshots/.
 */
@Tag("browser")
@ExtendWith(TestDatabaseCondition.class)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = {
        "wxlogin.sandbox.enabled=true",
        "wxlogin.sandbox.port=0",
        "wxlogin.data-dir=./target/test-data/${random.uuid}",
        "server.shutdown=immediate",
        "wxlogin.rate-limit.per-client-ip=0",
        "wxlogin.rate-limit.per-user=0",
        "wxlogin.rate-limit.scan-page-per-client-ip=0",
        "wxlogin.oidc.clients[0].client-id=shop-console",
        "wxlogin.oidc.clients[0].secret=shop-console-secret",
        "wxlogin.oidc.clients[0].name=Shop console",
        "wxlogin.oidc.clients[0].redirect-uris[0]=http://localhost:${webclient.port}/login/oauth2/code/wxlogin",
        "wxlogin.oidc.clients[0].post-logout-redirect-uris[0]=http://localhost:${webclient.port}/signed-out",
        "wxlogin.oidc.clients[0].scopes=openid,profile",
        "wxlogin.oidc.clients[1].client-id=second-site",
        "wxlogin.oidc.clients[1].secret=second-site-secret",
        "wxlogin.oidc.clients[1].name=Second site",
        "wxlogin.oidc.clients[1].redirect-uris[0]=" + ScanSignInBrowserTest.SECOND_SITE,
        "wxlogin.oidc.clients[1].scopes=openid",
})
@Import(MovableClockConfiguration.class)
class ScanSignInBrowserTest {

    /** Chosen before either application starts: the issuer and the redirect URI must name them. */
    private static final int SERVICE_PORT = freePort();
    private static final int WEBCLIENT_PORT = freePort();
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    /** The second website's redirect URI: nothing listens there, the browser's requests to it are answered by the test. */
    static final String SECOND_SITE = "http://127.0.0.1:9/second/callback";
    private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    /** The service on 127.0.0.1 and the website on localhost: browsers keep cookies per host, not per port. */
    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> SERVICE_PORT);
        registry.add("wxlogin.token.issuer", () -> "http://127.0.0.1:" + SERVICE_PORT);
        registry.add("webclient.port", () -> WEBCLIENT_PORT);
    }

    @RegisterExtension
    static final TestChromium chromium = new TestChromium();
    private static ConfigurableApplicationContext webClient;

    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    WeChatApps apps;
    @Autowired
    MutableClock clock;

    private HttpTestClient api;
    private SandboxPhone phone;
    private BrowserContext context;
    private String testName;

    @BeforeEach
    void start(TestInfo info) throws IOException {
        if (webClient == null) {
            webClient = WebClientApp.start(WEBCLIENT_PORT, "http://127.0.0.1:" + SERVICE_PORT,
                    "shop-console", "shop-console-secret", "openid,profile");
        }
        api = new HttpTestClient(SERVICE_PORT);
        phone = new SandboxPhone(sandbox.baseUrl());
        context = chromium.newContext();
        testName = info.getTestMethod().orElseThrow().getName();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @AfterAll
    static void stop() {
        if (webClient != null) {
            webClient.close();
            webClient = null;
        }
    }

    @Test
    void scanningAndApprovingOnThePhoneSignsTheBrowserInToTheWebsite() {
        Page page = openWebsite(context);
        String ticket = scanCode(page);
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "web");

        Response scanned = api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken());
        assertThat(scanned.status()).as(scanned.raw()).isEqualTo(200);
        assertThat(scanned.json().get("client").get("name").asString()).isEqualTo("Shop console");
        assertThat(scanned.json().get("status").asString()).isEqualTo("SCANNED");
        PlaywrightAssertions.assertThat(page.locator("#status")).hasAttribute("data-status", "SCANNED");
        PlaywrightAssertions.assertThat(page.locator("#status")).containsText("confirm on your phone");
        shot(page, "scanned");

        Response confirmed = api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true), user.accessToken());
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("APPROVED");

        // The website's own request cache resumes its page (Spring Security adds "?continue").
        page.waitForURL(Pattern.compile("http://localhost:" + WEBCLIENT_PORT + "/account(\\?continue)?"));
        PlaywrightAssertions.assertThat(page.locator("#who")).hasAttribute("data-sub", Long.toString(user.userId()));
        shot(page, "signed-in");
    }

    @Test
    void signingOutOfTheWebsiteSignsTheBrowserOutOfWxloginTooSoTheNextSignInNeedsAScan() {
        Page page = openWebsite(context);
        String ticket = scanCode(page);
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "signout");
        assertThat(api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken()).status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true), user.accessToken()).status())
                .isEqualTo(200);
        page.waitForURL(Pattern.compile("http://localhost:" + WEBCLIENT_PORT + "/account(\\?continue)?"));
        assertThat(context.cookies()).anyMatch(cookie -> cookie.name.equals("WXLOGIN_WEB_SIGNIN"));

        // The website's stock logout sends the browser to wxlogin's end_session_endpoint, which sends it back.
        page.locator("#sign-out").click();

        page.waitForURL("http://localhost:" + WEBCLIENT_PORT + "/signed-out");
        PlaywrightAssertions.assertThat(page.locator("#signed-out")).hasText("Signed out");
        shot(page, "signed-out");
        assertThat(context.cookies()).noneMatch(cookie -> cookie.name.equals("WXLOGIN_WEB_SIGNIN"));
        page.navigate("http://localhost:" + WEBCLIENT_PORT + "/account");
        page.waitForURL(Pattern.compile("http://127\\.0\\.0\\.1:" + SERVICE_PORT + "/login/scan$"));
        PlaywrightAssertions.assertThat(page.locator("#code")).isVisible();
    }

    @Test
    void denyingOnThePhoneShowsDeniedAndSignsNobodyIn() {
        Page page = openWebsite(context);
        String ticket = scanCode(page);
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "deny");
        assertThat(api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken()).status()).isEqualTo(200);

        Response denied = api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", false), user.accessToken());

        assertThat(denied.json().get("status").asString()).isEqualTo("DENIED");
        PlaywrightAssertions.assertThat(page.locator("#status")).hasAttribute("data-status", "DENIED");
        PlaywrightAssertions.assertThat(page.locator("#status")).containsText("denied");
        shot(page, "denied");
        Page again = context.newPage();
        again.navigate(serviceUrl("/login/scan/" + ticket + "/complete"));
        PlaywrightAssertions.assertThat(again.locator("#message-en")).containsText("denied on the phone");
        Response late = api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true), user.accessToken());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asString()).isEqualTo("WEB_LOGIN_TICKET_USED");
    }

    @Test
    void aCodeExpiresAfterItsLifetimeOnThePageAndForThePhone() {
        Page page = openWebsite(context);
        String ticket = scanCode(page);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        PlaywrightAssertions.assertThat(page.locator("#status")).hasAttribute("data-status", "EXPIRED");
        PlaywrightAssertions.assertThat(page.locator("#status")).containsText("expired");
        shot(page, "expired");
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "late");
        Response scanned = api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken());
        assertThat(scanned.status()).isEqualTo(410);
        assertThat(scanned.json().get("code").asString()).isEqualTo("WEB_LOGIN_TICKET_EXPIRED");
    }

    @Test
    void anApprovedCodeSignsInOnlyTheBrowserThatShowedItAndOnlyOnce() {
        Page page = openWebsite(context);
        String ticket = scanCode(page);
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "once");
        // The other browser tries first, as soon as the phone approved: it has the ticket, not the secret.
        BrowserContext otherBrowser = chromium.newContext();
        AtomicBoolean pageTriedToComplete = new AtomicBoolean();
        try {
            assertThat(api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken()).status()).isEqualTo(200);
            page.route("**/login/scan/" + ticket + "/complete", route -> {
                pageTriedToComplete.set(true);
                route.abort();
            });
            assertThat(api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true), user.accessToken())
                    .status()).isEqualTo(200);
            Page thief = otherBrowser.newPage();
            com.microsoft.playwright.Response refused = thief.navigate(serviceUrl("/login/scan/" + ticket + "/complete"));
            assertThat(refused.status()).isEqualTo(403);
            PlaywrightAssertions.assertThat(thief.locator("#message-en")).containsText("belongs to another browser");
            shot(thief, "other-browser");
            thief.navigate("http://localhost:" + WEBCLIENT_PORT + "/account");
            thief.waitForURL(Pattern.compile("http://127\\.0\\.0\\.1:" + SERVICE_PORT + "/login/scan$"));
        } finally {
            otherBrowser.close();
        }

        // The page's own attempt (on the approval it was told of) must be over first, or it races the one below.
        page.waitForCondition(pageTriedToComplete::get);
        // Leave the scan page before completing by hand, so that nothing of it (the aborted navigation, its event
        // stream) overlaps the completion below: one CI run saw that completion end on the /complete page.
        page.navigate("about:blank");
        page.unroute("**/login/scan/" + ticket + "/complete");
        page.navigate(serviceUrl("/login/scan/" + ticket + "/complete"));
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile("http://localhost:" + WEBCLIENT_PORT + "/account(\\?continue)?"));
        PlaywrightAssertions.assertThat(page.locator("#who")).hasAttribute("data-sub", Long.toString(user.userId()));

        com.microsoft.playwright.Response replay = page.navigate(serviceUrl("/login/scan/" + ticket + "/complete"));
        assertThat(replay.status()).isEqualTo(409);
        PlaywrightAssertions.assertThat(page.locator("#message-en")).containsText("already used");
        shot(page, "replay");
    }

    @Test
    void aCodeScannedByOneUserCannotBeConfirmedByAnother() {
        Page page = openWebsite(context);
        String ticket = scanCode(page);
        LoggedIn first = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "first");
        LoggedIn second = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "second");
        assertThat(api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), first.accessToken()).status()).isEqualTo(200);

        Response scan = api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), second.accessToken());
        Response confirm = api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true), second.accessToken());

        assertThat(scan.status()).isEqualTo(409);
        assertThat(scan.json().get("code").asString()).isEqualTo("WEB_LOGIN_TICKET_OTHER_USER");
        assertThat(confirm.status()).isEqualTo(409);
        assertThat(confirm.json().get("code").asString()).isEqualTo("WEB_LOGIN_TICKET_OTHER_USER");
        PlaywrightAssertions.assertThat(page.locator("#status")).hasAttribute("data-status", "SCANNED");
        com.microsoft.playwright.Response early = page.navigate(serviceUrl("/login/scan/" + ticket + "/complete"));
        assertThat(early.status()).isEqualTo(409);
        PlaywrightAssertions.assertThat(page.locator("#message-en")).containsText("not been confirmed");
        shot(page, "other-user");
    }

    @Test
    void unknownTicketsAndTokensOfNoUserAreRefusedWithTheContractsCodes() {
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "unknown");
        Response unknown = api.postJson("/api/v1/web-login/AAAAAAAAAAAAAAAAAAAAAA/scan", Map.of(), user.accessToken());
        Response malformed = api.postJson("/api/v1/web-login/not-a-ticket/confirm", Map.of("approve", true), user.accessToken());
        Response anonymous = api.postJson("/api/v1/web-login/AAAAAAAAAAAAAAAAAAAAAA/scan", Map.of());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("WEB_LOGIN_TICKET_UNKNOWN");
        assertThat(malformed.json().get("code").asString()).isEqualTo("WEB_LOGIN_TICKET_UNKNOWN");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asString()).isEqualTo("TOKEN_MISSING");
    }

    @Test
    void theScanPageAllowsNoInlineScript() {
        Page page = openWebsite(context);
        com.microsoft.playwright.Response response = page.navigate(serviceUrl("/login/scan"));
        assertThat(response.headers().get("content-security-policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.locator("script:not([src])").count()).isZero();
        String ticket = page.locator("body").getAttribute("data-ticket");
        com.microsoft.playwright.APIResponse code = context.request().get(serviceUrl("/login/scan/" + ticket + "/code.png"));
        assertThat(code.headers().get("content-type")).isEqualTo("image/png");
        assertThat(MiniProgramCodes.read(code.body()).scene()).isEqualTo(ticket);
        assertThat(context.cookies()).filteredOn(cookie -> cookie.name.equals("WXLOGIN_SCAN"))
                .singleElement().satisfies(cookie -> assertThat(cookie.httpOnly).isTrue());
    }

    @Test
    void aClientIdThatIsNotRegisteredGetsAnErrorPageAndNoTicket() {
        Page page = context.newPage();
        com.microsoft.playwright.Response refused = page.navigate(serviceUrl("/oauth2/authorize?response_type=code&client_id=phisher"
                + "&scope=openid&state=s&redirect_uri=https%3A%2F%2Fevil.example%2Fcb"));
        assertThat(refused.status()).isEqualTo(400);
        PlaywrightAssertions.assertThat(page.locator("h1")).hasText("未登记的网站");
        PlaywrightAssertions.assertThat(page.locator("h2")).hasText("Unregistered website");
        shot(page, "unregistered");

        // The phishing page's own way in: a saved request it wrote itself, for a website nobody registered.
        String forged = java.util.Base64.getEncoder().withoutPadding().encodeToString(
                "/oauth2/authorize?response_type=code&client_id=%E5%BE%AE%E4%BF%A1%E6%94%AF%E4%BB%98&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        context.addCookies(List.of(new com.microsoft.playwright.options.Cookie("REDIRECT_URI", forged).setUrl(serviceUrl("/"))));
        com.microsoft.playwright.Response scanPage = page.navigate(serviceUrl("/login/scan"));
        assertThat(scanPage.status()).isEqualTo(400);
        PlaywrightAssertions.assertThat(page.locator("h2")).hasText("Unregistered website");
        assertThat(page.locator("#code").count()).isZero();
        assertThat(context.cookies()).noneMatch(cookie -> cookie.name.equals("WXLOGIN_SCAN"));
    }

    @Test
    void theConfirmAnswerCarriesTheBrowsersContext() {
        BrowserContext chrome = chromium.newContext(new Browser.NewContextOptions().setUserAgent(CHROME_ON_WINDOWS));
        try {
            String ticket = scanCode(openWebsite(chrome));
            LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "context");

            Response scanned = api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken());

            assertThat(scanned.status()).as(scanned.raw()).isEqualTo(200);
            assertThat(scanned.json().get("client").get("redirectHost").asString()).isEqualTo("localhost");
            JsonNode requester = scanned.json().get("requester");
            assertThat(requester.get("address").asString()).isEqualTo("127.0.0.*");
            assertThat(requester.get("browser").asString()).isEqualTo("Chrome 120");
            assertThat(requester.get("os").asString()).isEqualTo("Windows");
            assertThat(requester.get("requestedAt").asString()).isNotBlank();
            assertThat(requester.get("sameNetwork").asBoolean()).isTrue();
        } finally {
            chrome.close();
        }
    }

    @Test
    void aSecondWebsiteNeedsANewApprovalOnThePhone() {
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "second");
        Page page = signedInToTheWebsite(user);
        page.route("http://127.0.0.1:9/**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setStatus(200).setContentType("text/html").setBody("<p id=\"second\">second site</p>")));

        page.navigate(serviceUrl("/oauth2/authorize?response_type=code&client_id=second-site&scope=openid&state=two&nonce=n"
                + "&redirect_uri=" + java.net.URLEncoder.encode(SECOND_SITE, java.nio.charset.StandardCharsets.UTF_8)));

        page.waitForURL(Pattern.compile("http://127\\.0\\.0\\.1:" + SERVICE_PORT + "/login/scan$"));
        PlaywrightAssertions.assertThat(page.locator("h1")).containsText("Sign in to Second site");
        page.waitForFunction("() => { const img = document.getElementById('code'); return img.complete && img.naturalWidth > 0; }");
        String ticket = scanCode(page);
        Response scanned = api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken());
        assertThat(scanned.json().get("client").get("name").asString()).isEqualTo("Second site");
        assertThat(api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true), user.accessToken()).status())
                .isEqualTo(200);
        page.waitForURL(Pattern.compile(Pattern.quote(SECOND_SITE) + "\\?code=.*&state=two"));
        shot(page, "second-site");
    }

    @Test
    void logOutEverywhereEndsTheBrowsersSignIn() {
        LoggedIn user = TestLogins.loginNew(api, phone, apps.defaultApp().appid(), "everywhere");
        Page page = signedInToTheWebsite(user);

        assertThat(api.postJson("/api/v1/logout/all", Map.of(), user.accessToken()).status()).isEqualTo(204);

        // The browser still holds its cookie; wxlogin no longer takes it: the website's next request needs a scan.
        assertThat(context.cookies()).anyMatch(cookie -> cookie.name.equals("WXLOGIN_WEB_SIGNIN"));
        page.navigate(serviceUrl("/oauth2/authorize?response_type=code&client_id=shop-console&scope=openid&state=after&nonce=n"
                + "&redirect_uri=" + java.net.URLEncoder.encode("http://localhost:" + WEBCLIENT_PORT + "/login/oauth2/code/wxlogin",
                java.nio.charset.StandardCharsets.UTF_8)));
        page.waitForURL(Pattern.compile("http://127\\.0\\.0\\.1:" + SERVICE_PORT + "/login/scan$"));
        PlaywrightAssertions.assertThat(page.locator("#code")).isVisible();
        shot(page, "after-logout-all");
    }

    /** The website, signed in by a scan the user approved: the page on its account page. */
    private Page signedInToTheWebsite(LoggedIn user) {
        Page page = openWebsite(context);
        String ticket = scanCode(page);
        assertThat(api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken()).status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true), user.accessToken()).status())
                .isEqualTo(200);
        page.waitForURL(Pattern.compile("http://localhost:" + WEBCLIENT_PORT + "/account(\\?continue)?"));
        return page;
    }

    private String serviceUrl(String path) {
        return "http://127.0.0.1:" + SERVICE_PORT + path;
    }

    private Page openWebsite(BrowserContext browserContext) {
        Page page = browserContext.newPage();
        page.navigate("http://localhost:" + WEBCLIENT_PORT + "/account");
        page.waitForURL(Pattern.compile("http://127\\.0\\.0\\.1:" + SERVICE_PORT + "/login/scan$"));
        PlaywrightAssertions.assertThat(page.locator("h1")).containsText("Sign in to Shop console");
        // The code image must have loaded before it can be read off the screen.
        page.waitForFunction("() => { const img = document.getElementById('code'); return img.complete && img.naturalWidth > 0; }");
        return page;
    }

    /** Reads the code off the screen with the phone's camera: the ticket is the scene it opens. */
    private String scanCode(Page page) {
        // A code dimmed by a final status cannot be read: say so instead of failing on the camera.
        PlaywrightAssertions.assertThat(page.locator("#status")).hasAttribute("data-status", "PENDING");
        MiniProgramCodes.Scanned scanned = null;
        // The camera gets a few looks, as a real one does: a frame caught mid-paint under load is not a bug.
        for (int look = 1; scanned == null; look++) {
            byte[] screenshot = page.locator("#code").screenshot();
            try {
                scanned = phone.scan(screenshot);
            } catch (IllegalStateException unreadable) {
                shot(page, "unreadable-" + look);
                if (look == 3) {
                    throw unreadable;
                }
                page.waitForTimeout(200);
            }
        }
        shot(page, "code");
        assertThat(scanned.page()).isEqualTo("pages/web-login/confirm");
        assertThat(scanned.scene()).matches("[A-Za-z0-9_-]{22}");
        return scanned.scene();
    }

    private void shot(Page page, String step) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("web-login-" + testName + "-" + step + ".png")));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
