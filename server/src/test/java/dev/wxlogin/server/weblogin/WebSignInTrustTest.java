package dev.wxlogin.server.weblogin;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static dev.wxlogin.server.TestBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.admin.AdminApiKeys;
import dev.wxlogin.server.oidc.TwoTestWebsites;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web sign-in tried as an attacker would: a scan page for a request the provider would refuse
 * makes no ticket; the phone sees the website as registered and the browser that asks; one approval
 * signs the browser in to that website and those scopes only; log out everywhere and the user's
 * sessions list end browser sign-ins and websites' grants; a refresh token repeated inside the grace
 * window is audited with both origins; and what the browser is refused is a page in both languages.
 */
@DatabaseMatrix
@ServiceTest
@TwoTestWebsites
class WebSignInTrustTest {

    private static final String REDIRECT = TwoTestWebsites.REDIRECT;
    private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AdminApiKeys adminKeys;

    private final JsonMapper json = JsonMapper.builder().build();
    @Fixture private HttpTestClient api;
    @Fixture private URI service;
    @Fixture private LoggedIn user;

    @Test
    void aSavedRequestTheAuthorizationEndpointWouldRefuseGetsAnErrorPageAndNoTicket() throws Exception {
        String pkce = "&code_challenge=" + challenge("v") + "&code_challenge_method=S256";
        String redirect = "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        Map<String, String> forged = Map.of(
                // The phishing page's own "website": not registered, a name and a scope with a bidi override.
                "client_id=" + enc("微信支付\u202e安全中心") + "&scope=" + enc("openid 领取红包\u202e") + redirect + pkce,
                "Unregistered website",
                "client_id=spa&scope=openid&redirect_uri=" + enc("https://evil.example/cb") + pkce, "Unregistered redirect URI",
                "client_id=spa&scope=" + enc("openid 领取红包\u202e") + redirect + pkce, "Invalid sign-in request",
                "client_id=spa&scope=openid" + redirect, "Invalid sign-in request",
                "client_id=spa&scope=openid" + redirect + "&code_challenge=abc&code_challenge_method=plain", "Invalid sign-in request");
        long ticketsBefore = tickets();

        for (Map.Entry<String, String> request : forged.entrySet()) {
            String saved = "/oauth2/authorize?response_type=code&state=s&nonce=n&" + request.getKey();
            HttpResponse<String> page = scanPageWithSavedRequest(saved);

            assertThat(page.statusCode()).as(request.getKey()).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).as(request.getKey()).contains(request.getValue()).doesNotContain("data-ticket")
                    .doesNotContain("\u202e");
            assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(ScanPageController.COOKIE + "="));
        }
        HttpResponse<String> none = new TestBrowser().get(service + "/login/scan");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("No website to sign in to").contains("没有要登录的网站");
        assertThat(tickets()).isEqualTo(ticketsBefore);
    }

    @Test
    void theScanAnswerNamesTheWebsiteAsRegisteredAndTheBrowserThatAsks() throws Exception {
        TestBrowser browser = new TestBrowser(CHROME_ON_WINDOWS);
        assertThat(location(browser.get(authorize("spa", "openid profile", "st")))).endsWith("/login/scan");
        String ticket = browser.scanPageTicket(service.toString());

        Response scanned = api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken());

        assertThat(scanned.status()).as(scanned.raw()).isEqualTo(200);
        JsonNode answer = scanned.json();
        assertThat(answer.get("client").get("name").asString()).isEqualTo("Single-page app");
        assertThat(answer.get("client").get("redirectHost").asString()).isEqualTo("127.0.0.1");
        assertThat(answer.get("scopes").get(1).get("scope").asString()).isEqualTo("profile");
        assertThat(answer.get("scopes").get(1).get("description").asString()).isEqualTo("Your nickname and avatar");
        JsonNode requester = answer.get("requester");
        assertThat(requester.get("address").asString()).isEqualTo("127.0.0.*");
        assertThat(requester.get("browser").asString()).isEqualTo("Chrome 120");
        assertThat(requester.get("os").asString()).isEqualTo("Windows");
        assertThat(requester.get("requestedAt").isNull()).isFalse();
        assertThat(requester.get("sameNetwork").asBoolean()).isTrue();
    }

    @Test
    void anApprovalForOneWebsiteSignsTheBrowserInToNeitherAnotherWebsiteNorMoreScopes() throws Exception {
        TestBrowser browser = new TestBrowser();
        signIn(browser, "spa", "openid");

        assertThat(location(browser.get(authorize("spa", "openid", "again")))).startsWith(REDIRECT + "?code=");
        assertThat(location(browser.get(authorize("spa", "openid profile", "more")))).endsWith("/login/scan");
        assertThat(location(browser.get(authorize("portal", "openid", "other")))).endsWith("/login/scan");

        // The second website is approved on the phone, which names it.
        String ticket = browser.scanPageTicket(service.toString());
        Response scanned = api.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken());
        assertThat(scanned.json().get("client").get("clientId").asString()).isEqualTo("portal");
        HttpResponse<String> resumed = browser.follow(browser.approveAndComplete(service.toString(), api, user, ticket));
        assertThat(location(resumed)).startsWith(REDIRECT + "?code=").endsWith("state=other");
        assertThat(location(browser.get(authorize("spa", "openid", "kept")))).startsWith(REDIRECT + "?code=");
    }

    @Test
    void logOutEverywhereEndsTheBrowsersSignInAndTheWebsitesGrants() throws Exception {
        TestBrowser browser = new TestBrowser();
        JsonNode tokens = portalTokens(browser);
        assertThat(userinfo(tokens).statusCode()).isEqualTo(200);

        assertThat(api.postJson("/api/v1/logout/all", Map.of(), user.accessToken()).status()).isEqualTo(204);

        assertThat(location(browser.get(authorize("portal", "openid", "after")))).endsWith("/login/scan");
        assertThat(refresh(tokens).statusCode()).isEqualTo(400);
        assertThat(userinfo(tokens).statusCode()).isEqualTo(401);
        assertThat(json.readTree(introspect(tokens.get("access_token").asString()).body()).get("active").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM web_sign_in WHERE user_id = ?").param(user.userId()).query(Long.class).single()).isZero();
    }

    /** The console's "sign out everywhere" is the same end as the user's own: the web goes with the mini program. */
    @Test
    void theConsolesSignOutEverywhereEndsTheBrowsersSignInAndTheWebsitesGrants() throws Exception {
        TestBrowser browser = new TestBrowser();
        JsonNode tokens = portalTokens(browser);
        AdminApiKeys.Created key = adminKeys.create(TestUsers.unique("signout"), ServiceTest.ADMIN_USERNAME);

        Response ended = api.delete("/admin/api/v1/users/" + user.userId() + "/sessions", key.key());
        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(ended.json().get("revoked").asInt()).isEqualTo(1);

        assertThat(location(browser.get(authorize("portal", "openid", "after")))).endsWith("/login/scan");
        assertThat(refresh(tokens).statusCode()).isEqualTo(400);
        assertThat(userinfo(tokens).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM web_sign_in WHERE user_id = ?").param(user.userId()).query(Long.class).single()).isZero();
        assertThat(api.get("/api/v1/me", user.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void mySessionsListEachKindAndEachEndsWithDelete() throws Exception {
        TestBrowser browser = new TestBrowser(CHROME_ON_WINDOWS);
        JsonNode tokens = portalTokens(browser);

        JsonNode listed = api.get("/api/v1/me/sessions", user.accessToken()).json();

        assertThat(listed.get("sessions").size()).isEqualTo(1);
        JsonNode signIn = listed.get("browsers").get(0);
        assertThat(signIn.get("browser").asString()).isEqualTo("Chrome 120");
        assertThat(signIn.get("os").asString()).isEqualTo("Windows");
        assertThat(signIn.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(signIn.get("lastUsedAt").isNull()).isFalse();
        JsonNode website = listed.get("websites").get(0);
        assertThat(website.get("clientId").asString()).isEqualTo("portal");
        assertThat(website.get("scopes").get(0).asString()).isEqualTo("openid");
        assertThat(website.get("since").isNull()).isFalse();

        String browserPath = "/api/v1/me/sessions/browsers/" + signIn.get("id").asString();
        assertThat(api.delete(browserPath, user.accessToken()).status()).isEqualTo(204);
        assertThat(location(browser.get(authorize("portal", "openid", "after")))).endsWith("/login/scan");
        assertError(api.delete(browserPath, user.accessToken()), 404, "SESSION_NOT_FOUND");
        HttpResponse<String> stillGranted = refresh(tokens);
        assertThat(stillGranted.statusCode()).as("ending the browser leaves the website's grant").isEqualTo(200);

        JsonNode rotated = json.readTree(stillGranted.body());
        assertThat(api.delete("/api/v1/me/sessions/websites/portal", user.accessToken()).status()).isEqualTo(204);
        assertThat(refresh(rotated).statusCode()).isEqualTo(400);
        assertThat(userinfo(rotated).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/me/sessions", user.accessToken()).json().get("websites").size()).isZero();
        assertError(api.delete("/api/v1/me/sessions/websites/portal", user.accessToken()), 404, "SESSION_NOT_FOUND");

        String sid = listed.get("sessions").get(0).get("id").asString();
        assertThat(api.delete("/api/v1/me/sessions/" + sid, user.accessToken()).status()).isEqualTo(204);
    }

    @Test
    void aRefreshTokenPresentedAgainInsideTheGraceWindowIsAuditedWithBothOriginsAndShownWhenTheyDiffer() {
        Response first = refreshAs(user.refreshToken(), "device-A");
        assertThat(first.status()).as(first.raw()).isEqualTo(200);

        Response again = refreshAs(user.refreshToken(), "device-B");

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.json().get("refreshToken").asString()).isEqualTo(first.json().get("refreshToken").asString());
        Map<String, Object> event = jdbc.sql("SELECT user_agent, first_user_agent, client_address, first_client_address FROM audit_event "
                        + "WHERE user_id = ? AND event_type = 'REFRESH_GRACE_REUSE'")
                .param(user.userId()).query().singleRow();
        assertThat(event.get("user_agent")).isEqualTo("device-B");
        assertThat(event.get("first_user_agent")).isEqualTo("device-A");
        assertThat(event.get("client_address")).isEqualTo("127.0.0.1");
        assertThat(event.get("first_client_address")).isEqualTo("127.0.0.1");
        JsonNode session = api.get("/api/v1/me/sessions", first.json().get("accessToken").asString()).json().get("sessions").get(0);
        assertThat(session.get("reusedElsewhere").get("userAgent").asString()).isEqualTo("device-B");
    }

    @Test
    void whatTheBrowserIsRefusedIsAPageInChineseAndEnglish() throws Exception {
        HttpResponse<String> unknownClient = new TestBrowser().get(service + "/oauth2/authorize?response_type=code&client_id=nobody"
                + "&scope=openid&state=s&redirect_uri=" + enc(REDIRECT));
        assertPage(unknownClient, 400, "未登记的网站", "Unregistered website");

        HttpResponse<String> unknownRedirect = new TestBrowser().get(service + "/oauth2/authorize?response_type=code&client_id=spa"
                + "&scope=openid&state=s&code_challenge=" + challenge("v") + "&code_challenge_method=S256&redirect_uri=" + enc("https://evil.example/cb"));
        assertPage(unknownRedirect, 400, "回调地址未登记", "Unregistered redirect URI");

        TestBrowser browser = new TestBrowser();
        String idToken = portalTokens(browser).get("id_token").asString();
        HttpResponse<String> logout = browser.get(service + "/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + enc("https://evil.example/") + "&state=x");
        assertPage(logout, 400, "退出后的地址未登记", "Unregistered post-logout address");

        TestBrowser late = new TestBrowser();
        late.get(authorize("portal", "openid", "late"));
        String ticket = late.scanPageTicket(service.toString());
        jdbc.sql("UPDATE web_login_ticket SET expires_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.valueOf("2000-01-01 00:00:00"), ticket).update();
        assertPage(late.get(service + "/login/scan/" + ticket + "/complete"), 410, "登录码已过期", "Code expired");
    }

    private static void assertPage(HttpResponse<String> page, int status, String chinese, String english) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains(chinese).contains(english);
    }

    /** Authorize for {@code clientId}, scan, approve on the phone, complete: back at the website with a code. */
    private String signIn(TestBrowser browser, String clientId, String scope) throws Exception {
        assertThat(location(browser.get(authorize(clientId, scope, "st")))).endsWith("/login/scan");
        HttpResponse<String> resumed = browser.follow(browser.scanAndApprove(service.toString(), api, user));
        assertThat(location(resumed)).startsWith(REDIRECT + "?code=");
        return TestBrowser.query(location(resumed)).get("code");
    }

    /** The confidential website's tokens for the user, through a scan. */
    private JsonNode portalTokens(TestBrowser browser) throws Exception {
        String code = signIn(browser, "portal", "openid");
        HttpResponse<String> answer = tokenEndpoint("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> refresh(JsonNode tokens) throws Exception {
        return tokenEndpoint("grant_type=refresh_token&refresh_token=" + enc(tokens.get("refresh_token").asString()));
    }

    private HttpResponse<String> tokenEndpoint(String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(service + "/oauth2/token")).header("Authorization", portalBasic())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> introspect(String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(service + "/oauth2/website/introspect")).header("Authorization", portalBasic())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token))));
    }

    private HttpResponse<String> userinfo(JsonNode tokens) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(service + "/userinfo")).header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.get("access_token").asString()).GET());
    }

    private Response refreshAs(String refreshToken, String userAgent) {
        return api.send(api.request("/api/v1/token/refresh").header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + refreshToken + "\"}")));
    }

    /** The scan page for a browser whose saved-request cookie holds {@code savedUrl} (a path), as an attacker writes it. */
    private HttpResponse<String> scanPageWithSavedRequest(String savedUrl) throws Exception {
        // Unpadded: the container reads a cookie value ending in "==" as none.
        String cookie = Base64.getEncoder().withoutPadding().encodeToString(savedUrl.getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(service + "/login/scan")).header("Accept", "text/html")
                .header("Cookie", "REDIRECT_URI=" + cookie).GET());
    }

    private String authorize(String clientId, String scope, String state) throws Exception {
        String pkce = "spa".equals(clientId) ? "&code_challenge=" + challenge(UUID.randomUUID().toString()) + "&code_challenge_method=S256" : "";
        return service + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=" + enc(scope) + "&state=" + state
                + "&nonce=n&redirect_uri=" + enc(REDIRECT) + pkce;
    }

    private long tickets() {
        return jdbc.sql("SELECT COUNT(*) FROM web_login_ticket").query(Long.class).single();
    }

    private static String portalBasic() {
        return "Basic " + Base64.getEncoder().encodeToString(("portal:" + TwoTestWebsites.PORTAL_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
