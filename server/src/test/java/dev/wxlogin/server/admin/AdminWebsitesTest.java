package dev.wxlogin.server.admin;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.crypto.SecretHashing;
import dev.wxlogin.server.oidc.TwoTestWebsites;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Websites (OpenID Connect clients) registered through the admin API: a generated secret shown once
 * and stored only as its hash, a website that then really signs users in with it, validation, delete
 * with everything issued to the website, configured websites left alone (in the console's pages too),
 * and the audit rows. The console's forms in a browser: {@link AdminConsoleBrowserTest}.
 */
@DatabaseMatrix
@ServiceTest
@TwoTestWebsites
class AdminWebsitesTest {

    private static final String REDIRECT = TwoTestWebsites.REDIRECT;
    private static final String WEBSITES = "/admin/api/v1/websites";

    @LocalServerPort
    int port;
    @Autowired
    AdminApiKeys keys;
    @Autowired
    JdbcClient jdbc;

    @Fixture HttpTestClient client;
    AdminApiKeys.Created key;

    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @BeforeEach
    void setUp() {
        key = keys.create(TestUsers.unique("websites"), ServiceTest.ADMIN_USERNAME);
    }

    @Test
    void withoutAdminCredentialsTheWebsiteEndpointsAnswer401AndChangeNothing() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "not-an-admin");
        String clientId = TestUsers.unique("site");
        assertError(client.get(WEBSITES), 401, "ADMIN_UNAUTHORIZED");
        assertError(client.get(WEBSITES, user.accessToken()), 401, "ADMIN_UNAUTHORIZED");
        assertError(client.postJson(WEBSITES, website(clientId, false), user.accessToken()), 401, "ADMIN_UNAUTHORIZED");
        assertError(client.delete(WEBSITES + "/portal", user.accessToken()), 401, "ADMIN_UNAUTHORIZED");
        assertError(client.send(client.request(WEBSITES + "/portal/secret").header("Authorization", "Bearer " + user.accessToken())
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "ADMIN_UNAUTHORIZED");

        assertThat(registered(clientId)).isZero();
        assertThat(get(WEBSITES + "/portal").status()).isEqualTo(200);
    }

    @Test
    void aPublicWebsiteIsRegisteredWithoutASecretListedAndAudited() {
        String clientId = TestUsers.unique("spa");

        Response created = post(WEBSITES, website(clientId, false));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("created").asBoolean()).isTrue();
        assertThat(created.json().get("clientSecret").isNull()).as(created.raw()).isTrue();
        JsonNode website = created.json().get("website");
        assertThat(website.get("clientId").asString()).isEqualTo(clientId);
        assertThat(website.get("confidential").asBoolean()).isFalse();
        assertThat(website.get("configured").asBoolean()).isFalse();
        assertThat(texts(website.get("redirectUris"))).containsExactly(REDIRECT);
        assertThat(texts(website.get("postLogoutRedirectUris"))).containsExactly("http://127.0.0.1:9/");
        assertThat(texts(website.get("scopes"))).containsExactly("openid", "profile");
        assertThat(website.get("idTokenSigningAlgorithm").asString()).as("the default").isEqualTo("RS256");
        assertThat(jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param(clientId)
                .query(String.class).optional()).isEmpty();

        Response listed = get(WEBSITES);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        listed.json().forEach(node -> {
            if (node.get("clientId").asString().equals(clientId)) {
                mine.add(node);
            }
        });
        assertThat(mine).singleElement().satisfies(node -> assertThat(node.get("name").asString()).isEqualTo("Site " + clientId));
        assertThat(auditRows(clientId)).extracting(row -> row.get("event_type") + ":" + row.get("outcome") + ":" + row.get("admin_actor"))
                .containsExactly("ADMIN_WEBSITE_CREATE:OK:" + key.description().actor());
    }

    @Test
    void aConfidentialWebsiteGetsAGeneratedSecretShownOnceAndStoredOnlyAsItsHash() {
        String clientId = TestUsers.unique("site");

        Response created = post(WEBSITES, website(clientId, true));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String secret = created.json().get("clientSecret").asString();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.json().get("website").get("confidential").asBoolean()).isTrue();
        String stored = storedSecret(clientId);
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(secret);
        assertThat(SecretHashing.standard().encoder().matches(secret, stored)).isTrue();

        assertThat(get(WEBSITES).raw()).doesNotContain(secret);
        assertThat(get(WEBSITES + "/" + clientId).raw()).doesNotContain(secret).doesNotContain(stored);
        assertThat(auditRows(clientId)).isNotEmpty().allSatisfy(row -> assertThat(row.values())
                .allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(secret)));
        // A second website gets a secret of its own.
        assertThat(post(WEBSITES, website(TestUsers.unique("site"), true)).json().get("clientSecret").asString()).isNotEqualTo(secret);
    }

    @Test
    void replacingAConfidentialWebsiteKeepsItsSecretAndMakingItPublicDropsIt() {
        String clientId = TestUsers.unique("site");
        post(WEBSITES, website(clientId, true));
        String stored = storedSecret(clientId);
        Map<String, Object> changed = website(clientId, true);
        changed.put("redirectUris", List.of(REDIRECT, "https://site.example.com/callback"));
        changed.put("scopes", List.of("openid", "unionid"));
        changed.put("idTokenSigningAlgorithm", "ES256");

        Response replaced = post(WEBSITES, changed);

        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        assertThat(replaced.json().get("created").asBoolean()).isFalse();
        assertThat(replaced.json().get("clientSecret").isNull()).isTrue();
        assertThat(texts(replaced.json().get("website").get("redirectUris"))).containsExactly(REDIRECT, "https://site.example.com/callback");
        assertThat(texts(replaced.json().get("website").get("scopes"))).containsExactly("openid", "unionid");
        assertThat(replaced.json().get("website").get("idTokenSigningAlgorithm").asString()).isEqualTo("ES256");
        assertThat(storedSecret(clientId)).isEqualTo(stored);

        Response madePublic = post(WEBSITES, website(clientId, false));
        assertThat(madePublic.json().get("website").get("confidential").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param(clientId)
                .query(String.class).optional()).isEmpty();
        Response madeConfidential = post(WEBSITES, website(clientId, true));
        assertThat(madeConfidential.json().get("clientSecret").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(auditRows(clientId)).extracting(row -> row.get("event_type") + ":" + row.get("outcome"))
                .containsExactly("ADMIN_WEBSITE_CREATE:OK", "ADMIN_WEBSITE_UPDATE:OK", "ADMIN_WEBSITE_UPDATE:OK", "ADMIN_WEBSITE_UPDATE:OK");
    }

    @Test
    void aWebsiteRegisteredThroughTheApiSignsAUserInWithItsSecretAndANewSecretReplacesTheOld() throws Exception {
        String clientId = TestUsers.unique("site");
        String secret = post(WEBSITES, website(clientId, true)).json().get("clientSecret").asString();
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "website");

        JsonNode tokens = signInAndRedeem(clientId, secret, user);

        assertThat(SignedJWT.parse(tokens.get("id_token").asString()).getJWTClaimsSet().getAudience()).containsExactly(clientId);
        assertThat(SignedJWT.parse(tokens.get("id_token").asString()).getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(SignedJWT.parse(tokens.get("id_token").asString()).getJWTClaimsSet().getSubject()).isEqualTo(Long.toString(user.userId()));
        String refreshToken = tokens.get("refresh_token").asString();

        Response renewed = post(WEBSITES + "/" + clientId + "/secret", null);
        assertThat(renewed.status()).as(renewed.raw()).isEqualTo(200);
        String newSecret = renewed.json().get("clientSecret").asString();
        assertThat(newSecret).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(secret);

        assertThat(refresh(clientId, secret, refreshToken).statusCode()).isEqualTo(401);
        HttpResponse<String> refreshed = refresh(clientId, newSecret, refreshToken);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(auditRows(clientId)).extracting(row -> row.get("event_type") + ":" + row.get("outcome"))
                .containsExactly("ADMIN_WEBSITE_CREATE:OK", "ADMIN_WEBSITE_SECRET_RENEW:OK");
    }

    @Test
    void deletingAWebsiteRemovesItsAuthorizationsAndConsentsAndItsTokensStopWorking() throws Exception {
        String clientId = TestUsers.unique("site");
        String secret = post(WEBSITES, website(clientId, true)).json().get("clientSecret").asString();
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "deleted-site");
        JsonNode tokens = signInAndRedeem(clientId, secret, user);
        String id = jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = ?").param(clientId).query(String.class).single();
        assertThat(count("oauth2_authorization", id)).isPositive();
        assertThat(count("oauth2_authorization_consent", id)).isPositive();
        String spaId = jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = 'spa'").query(String.class).single();
        long othersConsents = count("oauth2_authorization_consent", spaId);

        Response deleted = delete(WEBSITES + "/" + clientId);

        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
        assertThat(registered(clientId)).isZero();
        assertThat(count("oauth2_authorization", id)).isZero();
        assertThat(count("oauth2_authorization_consent", id)).isZero();
        assertThat(count("oauth2_authorization_consent", spaId)).isEqualTo(othersConsents);
        assertThat(refresh(clientId, secret, tokens.get("refresh_token").asString()).statusCode()).isEqualTo(401);
        HttpResponse<String> userinfo = send(HttpRequest.newBuilder(uri("/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token").asString()).GET().build());
        assertThat(userinfo.statusCode()).isEqualTo(401);
        assertError(get(WEBSITES + "/" + clientId), 404, "ADMIN_NOT_FOUND");
        assertError(delete(WEBSITES + "/" + clientId), 404, "ADMIN_NOT_FOUND");
        assertThat(auditRows(clientId)).extracting(row -> row.get("event_type") + ":" + row.get("outcome"))
                .containsExactly("ADMIN_WEBSITE_CREATE:OK", "ADMIN_WEBSITE_DELETE:OK", "ADMIN_WEBSITE_DELETE:ADMIN_NOT_FOUND");
    }

    @Test
    void invalidWebsitesAreRefusedWithInvalidFieldNamingTheProblemAndNothingIsSaved() {
        String clientId = TestUsers.unique("site");
        record Case(String field, Object value, String expected) {
        }
        List<Case> cases = List.of(
                new Case("clientId", "has space", "clientId: must be 1 to 100 of the characters"),
                new Case("clientId", "", "clientId: must be 1 to 100 of the characters"),
                new Case("clientId", "x".repeat(101), "clientId: must be 1 to 100 of the characters"),
                new Case("name", "n".repeat(101), "name: at most 100 characters"),
                // What a phisher would name a website for the phone's approval: a right-to-left override, a bell.
                new Case("name", "微信支付 安全中心\u202e", "name: at most 100 characters, without control characters or bidirectional controls"),
                new Case("name", "Shop\u0007", "name: at most 100 characters, without control characters or bidirectional controls"),
                new Case("name", "Shop\u2066isolate", "name: at most 100 characters, without control characters or bidirectional controls"),
                new Case("redirectUris", List.of(), "redirectUris: at least one is required"),
                new Case("redirectUris", List.of("/callback"), "redirectUris: not an absolute http or https URL"),
                new Case("redirectUris", List.of("ftp://site.example.com/cb"), "redirectUris: not an absolute http or https URL"),
                new Case("redirectUris", List.of("https://site.example.com/cb#top"), "redirectUris: not an absolute http or https URL"),
                new Case("redirectUris", List.of("https://site.example.com/a,b"), "redirectUris: not an absolute http or https URL"),
                new Case("redirectUris", List.of("https://user:pw@site.example.com/cb"), "redirectUris: not an absolute http or https URL"),
                new Case("redirectUris", List.of("https://site.example.com/" + "a".repeat(600), "https://site.example.com/" + "b".repeat(600)),
                        "redirectUris: longer than 1000 characters together"),
                new Case("postLogoutRedirectUris", List.of("site.example.com"), "postLogoutRedirectUris: not an absolute http or https URL"),
                new Case("scopes", List.of("openid", "email"), "scopes: not a scope this service offers"),
                new Case("scopes", List.of("profile"), "scopes: openid is required"),
                new Case("idTokenSigningAlgorithm", "HS256", "idTokenSigningAlgorithm: not an ID-token algorithm this service offers"));

        for (Case refusal : cases) {
            Map<String, Object> body = website(clientId, true);
            body.put(refusal.field(), refusal.value());
            Response refused = post(WEBSITES, body);
            assertError(refused, 400, "INVALID_FIELD");
            assertThat(refused.json().get("message").asString()).as("%s", refusal).startsWith(refusal.expected());
        }

        assertThat(registered(clientId)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id IN ('has space', '')").query(Long.class).single())
                .isZero();
        assertError(client.send(client.request(WEBSITES).header("Authorization", "Bearer " + key.key())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"clientId\": [1]}"))),
                400, "MALFORMED_BODY");
        assertThat(auditRows(clientId)).isEmpty();
    }

    @Test
    void aConfiguredWebsiteIsListedAsConfiguredAndCannotBeReplacedGivenANewSecretOrDeletedHere() throws Exception {
        Response portal = get(WEBSITES + "/portal");
        assertThat(portal.status()).as(portal.raw()).isEqualTo(200);
        assertThat(portal.json().get("configured").asBoolean()).isTrue();
        assertThat(portal.json().get("confidential").asBoolean()).isTrue();
        assertThat(portal.json().get("idTokenSigningAlgorithm").asString()).isEqualTo("ES256");
        String stored = storedSecret("portal");

        assertError(post(WEBSITES, website("portal", true)), 409, "ADMIN_WEBSITE_CONFIGURED");
        assertError(post(WEBSITES + "/portal/secret", null), 409, "ADMIN_WEBSITE_CONFIGURED");
        assertError(delete(WEBSITES + "/portal"), 409, "ADMIN_WEBSITE_CONFIGURED");

        assertThat(storedSecret("portal")).isEqualTo(stored);
        assertThat(texts(get(WEBSITES + "/portal").json().get("scopes"))).containsExactly("openid");
        assertThat(auditRows("portal")).extracting(row -> row.get("event_type") + ":" + row.get("outcome")).contains(
                "ADMIN_WEBSITE_UPDATE:ADMIN_WEBSITE_CONFIGURED", "ADMIN_WEBSITE_SECRET_RENEW:ADMIN_WEBSITE_CONFIGURED",
                "ADMIN_WEBSITE_DELETE:ADMIN_WEBSITE_CONFIGURED");
    }

    /** Fetched with the API key, which opens every page under /admin as a console session does. */
    @Test
    void theConsoleShowsAConfiguredWebsiteReadOnlyAndRefusesAFormPostedForIt() {
        Response page = get("/admin/websites/portal");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("id=\"configured-note\"").contains("wxlogin.oidc.clients")
                .doesNotContain("id=\"website-form\"").doesNotContain("/admin/websites/portal/delete")
                .doesNotContain("/admin/websites/portal/secret");
        assertThat(get("/admin/websites").raw()).contains("/admin/websites/portal").contains(">configuration<").doesNotContain("??");
        Response chinese = client.send(client.request("/admin/websites/portal").header("Authorization", "Bearer " + key.key())
                .header("Accept-Language", "zh-CN").GET());
        assertThat(chinese.raw()).contains("该网站由配置（wxlogin.oidc.clients）注册").doesNotContain("??");
        assertThat(client.send(client.request("/admin/websites").header("Authorization", "Bearer " + key.key())
                .header("Accept-Language", "zh-CN").GET()).raw()).contains("注册网站").doesNotContain("??");
        String stored = storedSecret("portal");

        Response posted = client.send(client.request("/admin/websites/portal").header("Authorization", "Bearer " + key.key())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Changed&redirectUris=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                        + "&scopes=openid&confidential=false")));

        assertThat(posted.status()).isEqualTo(302);
        assertThat(storedSecret("portal")).isEqualTo(stored);
        assertThat(get(WEBSITES + "/portal").json().get("name").asString()).isNotEqualTo("Changed");
    }

    @Test
    void aPublicWebsiteHasNoSecretToReplaceAndAnUnknownOneIsNotFound() {
        String clientId = TestUsers.unique("spa");
        post(WEBSITES, website(clientId, false));

        assertError(post(WEBSITES + "/" + clientId + "/secret", null), 409, "ADMIN_WEBSITE_PUBLIC");
        assertError(post(WEBSITES + "/" + TestUsers.unique("nothing") + "/secret", null), 404, "ADMIN_NOT_FOUND");
        assertThat(jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param(clientId)
                .query(String.class).optional()).isEmpty();
    }

    // ---- the admin API ------------------------------------------------------------------------------

    private static Map<String, Object> website(String clientId, boolean confidential) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("name", "Site " + clientId);
        body.put("redirectUris", List.of(REDIRECT));
        body.put("postLogoutRedirectUris", List.of("http://127.0.0.1:9/"));
        body.put("scopes", List.of("openid", "profile"));
        body.put("confidential", confidential);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private Response get(String path) {
        return client.get(path, key.key());
    }

    private Response post(String path, Object body) {
        if (body == null) {
            return client.send(client.request(path).header("Authorization", "Bearer " + key.key())
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
        return client.postJson(path, body, key.key());
    }

    private Response delete(String path) {
        return client.delete(path, key.key());
    }

    private String storedSecret(String clientId) {
        return jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param(clientId).query(String.class).single();
    }

    private long registered(String clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = ?").param(clientId).query(Long.class).single();
    }

    private long count(String table, String registeredClientId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE registered_client_id = ?").param(registeredClientId)
                .query(Long.class).single();
    }

    private List<Map<String, Object>> auditRows(String clientId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("SELECT * FROM audit_event WHERE client_id = ? ORDER BY occurred_at, id").param(clientId)
                .query().listOfRows()) {
            Map<String, Object> lower = new LinkedHashMap<>();
            row.forEach((column, value) -> lower.put(column.toLowerCase(java.util.Locale.ROOT), value));
            rows.add(lower);
        }
        return rows;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    // ---- the website, by hand: a browser through the scan, the phone, the token endpoint --------------

    /** Authorize, scan and approve on the phone, and redeem the code with the website's secret. */
    private JsonNode signInAndRedeem(String clientId, String secret, LoggedIn user) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> authorize = browse(browser, uri("/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&state=st&nonce=n&code_challenge=" + challenge + "&code_challenge_method=S256"));
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location").orElseThrow()).as("not refused as an invalid client").endsWith("/login/scan");
        Matcher ticket = Pattern.compile("data-ticket=\"([A-Za-z0-9_-]{22})\"").matcher(browse(browser, uri("/login/scan")).body());
        assertThat(ticket.find()).isTrue();
        assertThat(client.postJson("/api/v1/web-login/" + ticket.group(1) + "/scan", Map.of(), user.accessToken()).status()).isEqualTo(200);
        assertThat(client.postJson("/api/v1/web-login/" + ticket.group(1) + "/confirm", Map.of("approve", true), user.accessToken())
                .status()).isEqualTo(200);
        HttpResponse<String> complete = browse(browser, uri("/login/scan/" + ticket.group(1) + "/complete"));
        HttpResponse<String> resumed = browse(browser, URI.create(complete.headers().firstValue("Location").orElseThrow()));
        String location = resumed.headers().firstValue("Location").orElseThrow();
        assertThat(location).as(resumed.body()).startsWith(REDIRECT + "?code=");
        String code = java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);

        HttpResponse<String> redeemed = tokenRequest(clientId, secret, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(redeemed.body());
    }

    private HttpResponse<String> refresh(String clientId, String secret, String refreshToken) throws Exception {
        return tokenRequest(clientId, secret, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private HttpResponse<String> tokenRequest(String clientId, String secret, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> browse(HttpClient browser, URI target) throws Exception {
        return browser.send(HttpRequest.newBuilder(target).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
