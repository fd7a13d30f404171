package dev.wxlogin.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.account.AccountDeletion;
import dev.wxlogin.server.user.UserStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect parts clients depend on, by direct HTTP as a client library would make them:
 * discovery, the JWKS, authorization code with PKCE through the scan, ID token claims and nonce,
 * userinfo by scope, refresh, and PKCE being required of public clients.
 */
@DatabaseMatrix
@ServiceTest
@TwoTestWebsites
class OidcConformanceTest {

    private static final String REDIRECT = TwoTestWebsites.REDIRECT;
    private static final String SIGNED_OUT = TwoTestWebsites.SIGNED_OUT;

    @LocalServerPort
    int port;
    @Autowired
    UserStore users;
    @Autowired
    AccountDeletion accounts;
    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void discoveryNamesEveryEndpointOurKeysScopesAndAlgorithms() {
        JsonNode discovery = client.get("/.well-known/openid-configuration").json();
        String issuer = discovery.get("issuer").asString();

        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.get("userinfo_endpoint").asString()).isEqualTo(issuer + "/userinfo");
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer + "/.well-known/jwks.json");
        assertThat(texts(discovery.get("scopes_supported"))).containsExactly("openid", "profile", "unionid");
        assertThat(texts(discovery.get("id_token_signing_alg_values_supported"))).containsExactly("RS256", "ES256");
        assertThat(texts(discovery.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(discovery.get("grant_types_supported"))).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(texts(discovery.get("claims_supported"))).contains("sub", "nonce", "nickname", "unionid");
    }

    @Test
    void codeWithPkceGivesRs256IdTokenSignedByOurPublishedKeyWithNonceAndUserinfoByScope() throws Exception {
        Browser browser = new Browser();
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "oidc");
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String nonce = UUID.randomUUID().toString();

        String code = browser.signIn(user, "openid profile", challenge(verifier), nonce);
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", "spa", "code_verifier", verifier));

        SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
        JWKSet keys = JWKSet.parse(client.get("/.well-known/jwks.json").raw());
        // RS256: what a stock client (Spring Security's among them) verifies without being told otherwise.
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
        SignedJWT accessToken = SignedJWT.parse(tokens.get("access_token").asString());
        assertThat(accessToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(accessToken.verify(new ECDSAVerifier((ECKey) keys.getKeyByKeyId(accessToken.getHeader().getKeyID())))).isTrue();
        String issuer = client.get("/.well-known/openid-configuration").json().get("issuer").asString();
        assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("spa");
        assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo(Long.toString(user.userId()));
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo(nonce);
        assertThat(idToken.getJWTClaimsSet().getClaim("auth_time")).isNotNull();
        assertThat(idToken.getJWTClaimsSet().getClaims()).doesNotContainKey("unionid");

        HttpResponse<String> userinfo = send(HttpRequest.newBuilder(uri("/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token").asString()).GET().build());
        assertThat(userinfo.statusCode()).isEqualTo(200);
        JsonNode claims = json.readTree(userinfo.body());
        assertThat(claims.get("sub").asString()).isEqualTo(Long.toString(user.userId()));
        assertThat(claims.has("unionid")).isFalse();
        // A public client gets no refresh token (the provider's choice: nothing would bind it to the client).
        assertThat(tokens.has("refresh_token")).isFalse();
    }

    @Test
    void aConfidentialClientRefreshesWithItsSecretStaysTheSameUserAndGetsTheEs256IdTokensItAskedFor() throws Exception {
        Browser browser = new Browser();
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "portal");
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = browser.signIn("portal", user, "openid", challenge(verifier), "n");
        String basic = portalBasic();

        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier), basic);
        JsonNode refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()), basic);

        assertThat(refreshed.get("access_token").asString()).isNotEqualTo(tokens.get("access_token").asString());
        SignedJWT idToken = SignedJWT.parse(refreshed.get("id_token").asString());
        assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo(Long.toString(user.userId()));
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWKSet keys = JWKSet.parse(client.get("/.well-known/jwks.json").raw());
        assertThat(idToken.verify(new ECDSAVerifier((ECKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID())))).isTrue();
        HttpResponse<String> wrongSecret = send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("portal:wrong".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(refreshed.get("refresh_token").asString(), StandardCharsets.UTF_8))).build());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void unionidIsReleasedOnlyWithTheUnionidScope() throws Exception {
        Browser browser = new Browser();
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "union");
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();

        String code = browser.signIn(user, "openid unionid", challenge(verifier), "n");
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", "spa", "code_verifier", verifier));

        HttpResponse<String> userinfo = send(HttpRequest.newBuilder(uri("/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token").asString()).GET().build());
        JsonNode claims = json.readTree(userinfo.body());
        JsonNode me = client.get("/api/v1/me", user.accessToken()).json();
        assertThat(me.path("unionid").asString(null)).as(me.toString()).isNotNull();
        assertThat(claims.get("unionid").asString()).isEqualTo(me.get("unionid").asString());
        assertThat(SignedJWT.parse(tokens.get("id_token").asString()).getJWTClaimsSet().getStringClaim("unionid"))
                .isEqualTo(me.get("unionid").asString());
    }

    @Test
    void aUserDisabledSinceSigningInGetsNoNewWebsiteTokensNorUserinfoUntilEnabledAgain() throws Exception {
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "oidc-ban");
        JsonNode tokens = portalTokens(user);

        users.setDisabled(user.userId(), true);

        HttpResponse<String> refused = refresh(tokens.get("refresh_token").asString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(userinfo(tokens.get("access_token").asString()).statusCode()).isEqualTo(401);

        users.setDisabled(user.userId(), false);
        HttpResponse<String> refreshed = refresh(tokens.get("refresh_token").asString());
        assertThat(refreshed.statusCode()).as("the refused refresh token was not used up").isEqualTo(200);
        assertThat(userinfo(json.readTree(refreshed.body()).get("access_token").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeletedAccountTakesItsWebsiteAuthorizationsAndConsentsWithIt() throws Exception {
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "oidc-gone");
        JsonNode tokens = portalTokens(user);
        String principal = Long.toString(user.userId());

        accounts.delete(user.userId());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?").param(principal)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization_consent WHERE principal_name = ?").param(principal)
                .query(Long.class).single()).isZero();
        assertThat(refresh(tokens.get("refresh_token").asString()).statusCode()).isEqualTo(400);
        assertThat(userinfo(tokens.get("access_token").asString()).statusCode()).isEqualTo(401);
    }

    /** Signs {@code user} in to the confidential website: its tokens, a refresh token among them. */
    private JsonNode portalTokens(LoggedIn user) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = new Browser().signIn("portal", user, "openid", challenge(verifier), "n");
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier), portalBasic());
        assertThat(userinfo(tokens.get("access_token").asString()).statusCode()).isEqualTo(200);
        return tokens;
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", portalBasic())
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8))).build());
    }

    private HttpResponse<String> userinfo(String accessToken) throws Exception {
        return send(HttpRequest.newBuilder(uri("/userinfo")).header("Authorization", "Bearer " + accessToken).GET().build());
    }

    private static String portalBasic() {
        return "Basic " + Base64.getEncoder().encodeToString(("portal:" + TwoTestWebsites.PORTAL_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPublicClientWithoutPkceIsRefused() {
        HttpResponse<String> answer = new Browser().get("/oauth2/authorize?response_type=code&client_id=spa&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT).contains("error=invalid_request");
    }

    @Test
    void ourMiniProgramAccessTokensStillWorkAndWebsiteTokensDoNotOpenOurApi() throws Exception {
        Browser browser = new Browser();
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "apis");
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = browser.signIn(user, "openid", challenge(verifier), "n");
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", "spa", "code_verifier", verifier));

        assertThat(client.get("/api/v1/me", user.accessToken()).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/me", tokens.get("access_token").asString()).status()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheBrowsersSignInEverywhereAndReturnsToTheRegisteredUriWithTheState() throws Exception {
        Browser browser = new Browser();
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "logout");
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = browser.signIn(user, "openid", challenge(verifier), "n");
        String idToken = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", "spa", "code_verifier", verifier)).get("id_token").asString();
        String signInToken = browser.signInCookie().orElseThrow();

        HttpResponse<String> logout = browser.get(logout(idToken, SIGNED_OUT, "st-out"));

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(TestBrowser.location(logout)).isEqualTo(SIGNED_OUT + "?state=st-out");
        // Cleared where it was set (Path=/), so the browser drops it.
        assertThat(logout.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("WXLOGIN_WEB_SIGNIN=;").contains("Path=/"));
        assertThat(browser.signInCookie()).isEmpty();
        assertThat(TestBrowser.location(browser.get(authorize("openid", "st2", challenge(verifier))))).endsWith("/login/scan");
        // Ended at wxlogin too, not only forgotten by this browser: its old cookie signs nobody in.
        HttpResponse<String> replayed = send(HttpRequest.newBuilder(uri(authorize("openid", "st3", challenge(verifier))))
                .header("Accept", "text/html").header("Cookie", "WXLOGIN_WEB_SIGNIN=" + signInToken).GET().build());
        assertThat(TestBrowser.location(replayed)).endsWith("/login/scan");
    }

    @Test
    void logoutToAnUnregisteredUriIsRefusedAndTheBrowserStaysSignedIn() throws Exception {
        Browser browser = new Browser();
        LoggedIn user = TestLogins.loginNew(client, phone,
                appid, "logout-elsewhere");
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = browser.signIn(user, "openid", challenge(verifier), "n");
        String idToken = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", "spa", "code_verifier", verifier)).get("id_token").asString();

        HttpResponse<String> logout = browser.get(logout(idToken, "https://elsewhere.example/", "st-out"));

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(400);
        assertThat(logout.headers().firstValue("Location")).isEmpty();
        assertThat(logout.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("WXLOGIN_WEB_SIGNIN="));
        assertThat(TestBrowser.location(browser.get(authorize("openid", "st2", challenge(verifier))))).startsWith(REDIRECT + "?code=");
    }

    private static String logout(String idTokenHint, String postLogoutRedirectUri, String state) {
        return "/connect/logout?id_token_hint=" + URLEncoder.encode(idTokenHint, StandardCharsets.UTF_8)
                + "&post_logout_redirect_uri=" + URLEncoder.encode(postLogoutRedirectUri, StandardCharsets.UTF_8) + "&state=" + state;
    }

    private static String authorize(String scope, String state, String challenge) {
        return "/oauth2/authorize?response_type=code&client_id=spa&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&state=" + state + "&nonce=n&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    // ---- a browser and a client, by hand ---------------------------------------------------------

    /** Follows the flow a browser makes, with its own cookies, and plays the phone's part. */
    private final class Browser {

        private final TestBrowser browser = new TestBrowser();

        HttpResponse<String> post(String path, String form) {
            return browser.post(uri(path).toString(), form);
        }

        HttpResponse<String> get(String pathOrUrl) {
            return browser.get(pathOrUrl.startsWith("http") ? pathOrUrl : uri(pathOrUrl).toString());
        }

        /** The browser's sign-in token at wxlogin (cookie {@code WXLOGIN_WEB_SIGNIN}), while it has one. */
        Optional<String> signInCookie() {
            return browser.cookie("WXLOGIN_WEB_SIGNIN").map(HttpCookie::getValue);
        }

        /** Authorize, land on the scan page, scan and approve on the phone, complete: the code. */
        String signIn(LoggedIn user, String scope, String challenge, String nonce) {
            return signIn("spa", user, scope, challenge, nonce);
        }

        String signIn(String clientId, LoggedIn user, String scope, String challenge, String nonce) {
            HttpResponse<String> authorize = get("/oauth2/authorize?response_type=code&client_id=" + clientId
                    + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                    + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                    + "&state=st&nonce=" + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256");
            assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
            assertThat(TestBrowser.location(authorize)).endsWith("/login/scan");
            HttpResponse<String> resumed = browser.follow(browser.scanAndApprove(uri("").toString(), client, user));
            String location = TestBrowser.location(resumed);
            assertThat(location).as(resumed.body()).startsWith(REDIRECT + "?code=");
            Map<String, String> query = TestBrowser.query(location);
            assertThat(query.get("state")).isEqualTo("st");
            return query.get("code");
        }
    }

    private JsonNode token(Map<String, String> form) throws Exception {
        return token(form, null);
    }

    private JsonNode token(Map<String, String> form, String authorization) throws Exception {
        Map<String, String> ordered = new LinkedHashMap<>(form);
        String body = ordered.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> answer = send(request.build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
