package dev.wxlogin.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.ApiAssertions;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestChromium;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.crypto.SecretHashing;
import dev.wxlogin.server.oidc.OidcClients;

/**
 * The admin console in a real browser: Debian's Chromium driven by Playwright, headless. Runs once,
 * in the default execution (H2, no Redis): what it proves does not depend on the database.
 * Screenshots go to {@code target/screenshots/}.
 */
@DatabaseMatrix
@ServiceTest
@Tag("browser")
@EnabledIfSystemProperty(named = "wxlogin.test.database", matches = "h2")
@EnabledIfSystemProperty(named = "wxlogin.test.redis", matches = "false")
class AdminConsoleBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String XSS_NICKNAME = "<img src=x onerror=alert(1)>";

    @RegisterExtension
    static final TestChromium chromium = new TestChromium();

    @Autowired
    AdminAccounts admins;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OidcClients websites;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    @Fixture URI base;
    BrowserContext context;
    Page page;
    final List<String> dialogs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        context = chromium.newContext(new Browser.NewContextOptions().setLocale("en-US").setViewportSize(1280, 900));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        // Any alert(), confirm() or prompt() means script ran that should not have: record it and fail the test.
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
    }

    @AfterEach
    void tearDown() {
        context.close();
        assertThat(dialogs).as("dialogs opened by page script").isEmpty();
    }

    @Test
    void anAdminFindsASandboxUserDisablesThemAndSeesItInTheAuditLog() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "console");
        assertThat(client.get("/api/v1/me", user.accessToken()).status()).isEqualTo(200);
        // A failed login too, for the dashboard's failures chart.
        assertThat(client.postJson("/api/v1/login", Map.of("code", "not-a-code-from-wechat")).status()).isEqualTo(401);

        page.navigate(base + "/admin");
        assertThat(page.url()).endsWith("/admin/login");
        screenshot("console-login");
        logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD);
        assertThat(page.url()).endsWith("/admin");
        assertThat(page.locator("#chart-logins rect.bar").count()).isEqualTo(24);
        assertThat(Long.parseLong(page.textContent("#logins-day"))).isPositive();
        assertThat(page.locator("#chart-failures text.code").allTextContents()).contains("WX_CODE_INVALID");
        screenshot("console-dashboard");

        page.navigate(base + "/admin/users");
        page.fill("#user-search", user.openid());
        page.selectOption("#platform-filter", "qq");
        page.click("form.filters button[type=submit]");
        assertThat(page.locator("#users tbody tr").count()).as("not a QQ user").isZero();
        page.selectOption("#platform-filter", "wechat");
        page.click("form.filters button[type=submit]");
        assertThat(page.locator("#users tbody tr").count()).isEqualTo(1);
        assertThat(page.textContent("#users td.platform")).isEqualTo("WeChat");
        page.click("a.user-link");
        assertThat(page.textContent("#platform")).isEqualTo("WeChat");
        assertThat(page.textContent("#status")).isEqualTo("active");
        assertThat(page.locator("#sessions tbody tr").count()).isEqualTo(1);
        page.click("#disable");
        assertThat(page.textContent("#status")).isEqualTo("disabled");
        assertThat(page.textContent(".notice")).contains("disabled");
        screenshot("console-user");

        HttpTestClient.Response refused = eventuallyRefused(user.accessToken());
        ApiAssertions.assertError(refused, 403, "USER_DISABLED");

        page.navigate(base + "/admin/audit?user=" + user.userId());
        assertThat(page.locator("#events tbody tr").first().locator("td.type").textContent()).isEqualTo("ADMIN_USER_DISABLE");
        assertThat(page.locator("#events tbody tr").first().locator("td.admin").textContent()).isEqualTo(ServiceTest.ADMIN_USERNAME);
        assertThat(page.locator("#events td.type").allTextContents()).contains("LOGIN", "USER_CREATE");
        assertThat(page.locator("#events tbody tr").last().locator("td.platform").textContent()).isEqualTo("WeChat");
        screenshot("console-audit");
    }

    @Test
    void theUserPageShowsTheUsersBrowserSignInsAndConnectedWebsitesAndEndsThem() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "console-web");
        TestBrowser.registerWebsite(websites, "console-site");
        TestBrowser signingIn = new TestBrowser();
        signingIn.get(TestBrowser.authorizeUrl(base.toString(), "console-site"));
        signingIn.scanAndApprove(base.toString(), client, user);

        // An admin of its own: the shared admin's login attempts are counted per username.
        String admin = TestUsers.unique("web-admin");
        assertThat(admins.create(admin, "password-of-" + admin)).isTrue();
        page.navigate(base + "/admin");
        logIn(admin, "password-of-" + admin);
        page.navigate(base + "/admin/users/" + user.userId());

        assertThat(page.locator("#browsers tbody tr").count()).isEqualTo(1);
        assertThat(page.locator("#websites tbody tr").first().textContent()).contains("console-site").contains("openid");
        screenshot("console-user-web");
        page.locator("#websites tbody tr button").click();
        assertThat(page.textContent(".notice")).contains("disconnected");
        assertThat(page.locator("#websites").count()).isZero();
        page.locator("#browsers tbody tr button").click();
        assertThat(page.locator("#browsers").count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM web_sign_in WHERE user_id = ?").param(user.userId()).query(Long.class).single())
                .isZero();
    }

    /** A refresh token presented twice inside the grace window, from two devices, is flagged on the session. */
    @Test
    void theUserPageFlagsASessionWhoseRefreshTokenWasPresentedAgainFromElsewhere() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "console-reuse");
        assertThat(refreshAs(user.refreshToken(), "device-A").status()).isEqualTo(200);
        assertThat(refreshAs(user.refreshToken(), "device-B").status()).isEqualTo(200);

        String admin = TestUsers.unique("reuse-admin");
        assertThat(admins.create(admin, "password-of-" + admin)).isTrue();
        page.navigate(base + "/admin");
        logIn(admin, "password-of-" + admin);
        page.navigate(base + "/admin/users/" + user.userId());

        assertThat(page.locator(".reused-elsewhere").count()).isEqualTo(1);
        assertThat(page.textContent(".reused-elsewhere")).contains("device-B").contains("127.0.0.1");
    }

    private HttpTestClient.Response refreshAs(String refreshToken, String userAgent) {
        return client.send(client.request("/api/v1/token/refresh").header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + refreshToken + "\"}")));
    }

    @Test
    void aWrongPasswordIsRefusedAndRepeatedAttemptsAreRateLimitedEvenWithTheRightPassword() {
        String username = TestUsers.unique("guarded");
        String password = "right-password-" + username;
        assertThat(admins.create(username, password)).isTrue();

        page.navigate(base + "/admin/login");
        logIn(username, "wrong-password");
        assertThat(page.isVisible("#login-error")).isTrue();
        assertThat(page.url()).endsWith("/admin/login?error");
        for (int attempt = 2; attempt <= 5; attempt++) {
            logIn(username, "wrong-password-" + attempt);
            assertThat(page.isVisible("#login-error")).as("attempt %d", attempt).isTrue();
        }
        logIn(username, password);
        assertThat(page.isVisible("#login-throttled")).isTrue();
        assertThat(page.url()).endsWith("/admin/login?throttled");
        page.navigate(base + "/admin/users");
        assertThat(page.url()).as("still not logged in").endsWith("/admin/login");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "csrf");
        page.navigate(base + "/admin/login");
        logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD);
        assertThat(context.cookies()).filteredOn(cookie -> cookie.name.equals("WXLOGIN_ADMIN_SESSION")).singleElement()
                .satisfies(cookie -> {
                    assertThat(cookie.httpOnly).isTrue();
                    assertThat(cookie.sameSite.name()).isEqualTo("STRICT");
                    assertThat(cookie.path).isEqualTo("/admin");
                });

        // The browser's own session cookie, but no _csrf field: what a forged cross-site form would send.
        com.microsoft.playwright.APIResponse forged = page.request().post(base + "/admin/users/" + user.userId() + "/disable",
                RequestOptions.create().setForm(com.microsoft.playwright.options.FormData.create().set("confirm", "on"))
                        .setMaxRedirects(0));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(client.get("/api/v1/me", user.accessToken()).status()).isEqualTo(200);

        page.navigate(base + "/admin/users/" + user.userId());
        assertThat(page.textContent("#status")).isEqualTo("active");
    }

    @Test
    void aNicknameWithMarkupIsShownAsTextUnderAStrictContentSecurityPolicy() {
        String name = TestUsers.unique("markup");
        SandboxPhone.Login login = phone.login(appid, name, Map.of("nickName", XSS_NICKNAME), Map.of());
        HttpTestClient.Response loggedIn = client.postJson("/api/v1/login", Map.of("code", login.code(),
                "encryptedData", login.encryptedData(), "iv", login.iv()));
        long userId = loggedIn.json().get("user").get("id").asLong();

        page.navigate(base + "/admin/login");
        logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD);
        Response userPage = page.navigate(base + "/admin/users/" + userId);
        assertThat(page.textContent("#nickname")).isEqualTo(XSS_NICKNAME);
        assertThat(page.locator("img").count()).isZero();
        String policy = userPage.headers().get("content-security-policy");
        assertThat(policy).contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe-inline");

        page.navigate(base + "/admin/users?q=" + userId);
        assertThat(page.textContent("td.nickname")).isEqualTo(XSS_NICKNAME);
        assertThat(page.locator("img").count()).isZero();
    }

    @Test
    void anApiKeyIsShownOnceAndOpensTheAdminApiAndTheSigningKeyRotatesFromTheConsole() {
        page.navigate(base + "/admin/login");
        logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD);

        page.navigate(base + "/admin/api-keys");
        page.fill("#key-name", TestUsers.unique("deploy-script"));
        page.click("#create-key");
        String key = page.textContent("#new-key");
        assertThat(key).startsWith("wxa_");
        assertThat(client.get("/admin/api/v1/users", key).status()).isEqualTo(200);
        page.navigate(base + "/admin/api-keys");
        assertThat(page.isVisible("#new-key")).isFalse();
        assertThat(page.content()).doesNotContain(key);

        page.navigate(base + "/admin/signing-keys");
        // The key that signs access tokens now, wherever it sorts: a key published ahead may be newer.
        String signingRow = "#signing-keys tbody tr.signing[data-algorithm=ES256] td";
        String signingBefore = page.locator(signingRow).first().textContent();
        page.click("#rotate");
        String signingAfter = page.locator(signingRow).first().textContent();
        assertThat(signingAfter).isNotEqualTo(signingBefore);
        assertThat(client.get("/.well-known/jwks.json").raw()).contains(signingAfter);

        page.navigate(base + "/admin/apps");
        assertThat(page.locator("#apps tbody tr").first().locator("td").first().textContent()).isEqualTo(appid);
        assertThat(page.locator("#apps td.ok").count()).isEqualTo(1);
        screenshot("console-apps");
    }

    @Test
    void aWebsiteIsRegisteredInTheConsoleWithItsSecretShownOnceAndAMistakeShownOnTheForm() {
        String clientId = TestUsers.unique("shop");
        // An admin of its own: the other tests use up the first admin's login attempts of the throttle's window.
        String admin = TestUsers.unique("web-admin");
        assertThat(admins.create(admin, "password-of-" + admin)).isTrue();
        page.navigate(base + "/admin/login");
        logIn(admin, "password-of-" + admin);
        page.navigate(base + "/admin/websites");
        page.fill("#website-client-id", clientId);
        page.fill("#website-name", "Shop console");
        page.fill("#website-redirect-uris", "https://shop.example.com/callback#top");
        page.click("#website-submit");

        assertThat(page.textContent("#website-problems")).contains("https://shop.example.com/callback#top");
        assertThat(page.inputValue("#website-client-id")).as("kept as typed").isEqualTo(clientId);
        assertThat(registered(clientId)).isZero();

        page.fill("#website-redirect-uris", "https://shop.example.com/callback\nhttps://shop.example.com/other-callback");
        page.fill("#website-post-logout-uris", "https://shop.example.com/");
        page.check("#scope-unionid");
        page.check("#website-confidential");
        page.selectOption("#website-id-token-algorithm", "ES256");
        page.click("#website-submit");

        String secret = page.textContent("#new-secret");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(page.textContent("#website-type")).isEqualTo("confidential");
        assertThat(page.textContent("#website-algorithm")).isEqualTo("ES256");
        assertThat(secretMatches(clientId, secret)).isTrue();
        screenshot("console-website-created");

        page.navigate(base + "/admin/websites");
        assertThat(page.locator("#websites a.website-link").allTextContents()).contains(clientId);
        assertThat(page.content()).doesNotContain(secret);
        screenshot("console-websites");
        page.locator("#websites a.website-link", new Page.LocatorOptions().setHasText(clientId)).click();
        assertThat(page.isVisible("#new-secret")).isFalse();
        assertThat(page.content()).doesNotContain(secret);
        assertThat(page.textContent("#website")).contains("https://shop.example.com/other-callback", "openid profile unionid");

        page.fill("#website-name", "Shop console (staff)");
        page.uncheck("#scope-unionid");
        page.click("#website-submit");
        assertThat(page.textContent(".notice")).contains("saved");
        assertThat(page.textContent("#website-shown-name")).isEqualTo("Shop console (staff)");
        assertThat(page.textContent("#website")).contains("openid profile").doesNotContain("unionid");
        assertThat(secretMatches(clientId, secret)).as("a change keeps the secret").isTrue();

        page.check("#new-secret-confirm");
        page.click("#website-new-secret");
        String renewed = page.textContent("#new-secret");
        assertThat(renewed).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(secret);
        assertThat(secretMatches(clientId, renewed)).isTrue();
        assertThat(secretMatches(clientId, secret)).isFalse();

        page.check("#delete-confirm");
        page.click("#website-delete");
        assertThat(page.url()).endsWith("/admin/websites");
        assertThat(page.textContent(".notice")).contains("deleted");
        assertThat(registered(clientId)).isZero();

        page.navigate(base + "/admin/audit");
        assertThat(page.locator("#events tr", new Page.LocatorOptions().setHasText(clientId)).locator("td.type").allTextContents())
                .containsExactlyInAnyOrder("ADMIN_WEBSITE_CREATE", "ADMIN_WEBSITE_UPDATE", "ADMIN_WEBSITE_SECRET_RENEW",
                        "ADMIN_WEBSITE_DELETE");
    }

    @Test
    void labelsFollowTheBrowsersLanguage() {
        BrowserContext chinese = chromium.newContext(new Browser.NewContextOptions().setLocale("zh-CN"));
        try {
            Page zh = chinese.newPage();
            zh.navigate(base + "/admin/login");
            assertThat(zh.textContent("button[type=submit]")).isEqualTo("登录");
            zh.fill("input[name=username]", ServiceTest.ADMIN_USERNAME);
            zh.fill("input[name=password]", ServiceTest.ADMIN_PASSWORD);
            zh.click("button[type=submit]");
            assertThat(zh.textContent("h1")).isEqualTo("概览");
            zh.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-dashboard-zh.png")).setFullPage(true));
        } finally {
            chinese.close();
        }
        page.navigate(base + "/admin/login");
        assertThat(page.textContent("button[type=submit]")).isEqualTo("Log in");
    }

    private long registered(String clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = ?").param(clientId).query(Long.class).single();
    }

    /** Whether {@code secret} is the one whose hash the website has. */
    private boolean secretMatches(String clientId, String secret) {
        String stored = jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param(clientId)
                .query(String.class).single();
        return SecretHashing.standard().encoder().matches(secret, stored);
    }

    private void logIn(String username, String password) {
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", password);
        page.click("button[type=submit]");
        page.waitForLoadState();
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** The revocation check takes effect within seconds: polls /api/v1/me for up to 10 s. */
    private HttpTestClient.Response eventuallyRefused(String accessToken) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpTestClient.Response response = client.get("/api/v1/me", accessToken);
        while (response.status() == 200 && System.nanoTime() < deadline) {
            page.waitForTimeout(200);
            response = client.get("/api/v1/me", accessToken);
        }
        return response;
    }
}
