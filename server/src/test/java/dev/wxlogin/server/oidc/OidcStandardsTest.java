package dev.wxlogin.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a stock OpenID Connect client relies on, by the standards: discovery advertises exactly what
 * is implemented (and tested here or in {@link OidcConformanceTest}), every advertised signing key is
 * published before the first sign-in, the endpoints websites call answer in OAuth's terms (RFC 6749
 * §5.2, RFC 6750 §3) whatever {@code Accept} says, never with a redirect or a cookie, a website
 * introspects only its own tokens, and public clients get no refresh token.
 */
@DatabaseMatrix
@ServiceTest
@TwoTestWebsites
class OidcStandardsTest {

    private static final String REDIRECT = TwoTestWebsites.REDIRECT;
    private static final String OTHER_SECRET = "other-website-secret-of-some-length";

    @LocalServerPort
    int port;
    @Autowired
    OidcClients clients;

    private final JsonMapper json = JsonMapper.builder().build();

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    /** The phone shows a website's name as the one that asks: configuration cannot disguise it either. */
    @Test
    void aConfiguredWebsiteWhoseNameHasBidiOrControlCharactersIsRefused() {
        for (String name : List.of("微信支付 安全中心\u202e", "Shop\u0007", "Shop\u2067")) {
            assertThatThrownBy(() -> clients.save(new OidcProperties.Client("disguised-website", "disguised-secret-of-some-length", name,
                    List.of("https://disguised.example.com/cb"), List.of(), List.of("openid"), "RS256")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("without control characters or bidirectional controls")
                    .hasMessageNotContaining("disguised-secret");
        }
        assertThat(clients.find("disguised-website")).isEmpty();
    }

    @Test
    void discoveryAdvertisesExactlyWhatIsImplemented() {
        JsonNode discovery = client.get("/.well-known/openid-configuration").json();
        String issuer = discovery.get("issuer").asString();

        assertThat(new TreeSet<>(discovery.propertyNames())).containsExactlyElementsOf(new TreeSet<>(List.of(
                "issuer", "authorization_endpoint", "token_endpoint", "token_endpoint_auth_methods_supported", "jwks_uri",
                "userinfo_endpoint", "end_session_endpoint", "response_types_supported", "grant_types_supported",
                "revocation_endpoint", "revocation_endpoint_auth_methods_supported", "introspection_endpoint",
                "introspection_endpoint_auth_methods_supported", "code_challenge_methods_supported", "subject_types_supported",
                "id_token_signing_alg_values_supported", "scopes_supported", "claims_supported")));
        // The websites' introspection endpoint: the one their credentials open (mini-program tokens: /oauth2/introspect).
        assertThat(discovery.get("introspection_endpoint").asString()).isEqualTo(issuer + "/oauth2/website/introspect");
        assertThat(discovery.get("revocation_endpoint").asString()).isEqualTo(issuer + "/oauth2/revoke");
        assertThat(texts(discovery.get("token_endpoint_auth_methods_supported")))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
        assertThat(texts(discovery.get("revocation_endpoint_auth_methods_supported")))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
        assertThat(texts(discovery.get("introspection_endpoint_auth_methods_supported")))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
        assertThat(texts(discovery.get("response_types_supported"))).containsExactly("code");
        assertThat(texts(discovery.get("subject_types_supported"))).containsExactly("public");
        assertThat(texts(discovery.get("grant_types_supported"))).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(texts(discovery.get("scopes_supported"))).containsExactly("openid", "profile", "unionid");
        assertThat(texts(discovery.get("code_challenge_methods_supported"))).containsExactly("S256");
    }

    @Test
    void theOAuthMetadataDocumentAdvertisesTheSameAndNoMore() {
        JsonNode discovery = client.get("/.well-known/openid-configuration").json();
        JsonNode metadata = client.get("/.well-known/oauth-authorization-server").json();

        assertThat(new TreeSet<>(metadata.propertyNames())).containsExactlyElementsOf(new TreeSet<>(List.of(
                "issuer", "authorization_endpoint", "token_endpoint", "token_endpoint_auth_methods_supported", "jwks_uri",
                "response_types_supported", "grant_types_supported", "revocation_endpoint", "revocation_endpoint_auth_methods_supported",
                "introspection_endpoint", "introspection_endpoint_auth_methods_supported", "code_challenge_methods_supported",
                "scopes_supported")));
        for (String name : metadata.propertyNames()) {
            assertThat(metadata.get(name)).as(name).isEqualTo(discovery.get(name));
        }
    }

    @Test
    void everyAdvertisedIdTokenAlgorithmHasAPublishedKeyBeforeTheFirstSignIn() throws Exception {
        JsonNode discovery = client.get("/.well-known/openid-configuration").json();
        JWKSet cached = JWKSet.parse(client.get("/.well-known/jwks.json").raw());

        assertThat(cached.getKeys().stream().map(key -> key.getAlgorithm().getName()).collect(Collectors.toSet()))
                .containsAll(texts(discovery.get("id_token_signing_alg_values_supported")));
        String verifier = verifier();
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", signIn("spa", "openid", verifier),
                "redirect_uri", REDIRECT, "client_id", "spa", "code_verifier", verifier), null);
        String kid = SignedJWT.parse(tokens.get("id_token").asString()).getHeader().getKeyID();
        assertThat(cached.getKeys().stream().map(JWK::getKeyID)).as("the key set fetched before signing in").contains(kid);
    }

    @Test
    void theEndpointsWebsitesCallAnswerInOAuthTermsWithoutRedirectOrCookieWhateverAcceptSays() throws Exception {
        for (String accept : new String[] {null, "*/*", "text/html", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json"}) {
            for (String endpoint : List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/website/introspect")) {
                HttpResponse<String> answer = post(endpoint, "grant_type=authorization_code&code=x&token=x", null, accept);
                assertThat(answer.statusCode()).as(endpoint + " Accept " + accept).isEqualTo(401);
                assertThat(json.readTree(answer.body()).get("error").asString()).isEqualTo("invalid_client");
                assertNoRedirectNorCookie(answer);
            }
            HttpResponse<String> userinfo = send(request("/userinfo", accept).GET().build());
            assertThat(userinfo.statusCode()).as("userinfo Accept " + accept).isEqualTo(401);
            assertThat(userinfo.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertNoRedirectNorCookie(userinfo);
        }
    }

    @Test
    void userinfoAnswersARevokedTokenWithABearerInvalidTokenChallenge() throws Exception {
        JsonNode tokens = portalTokens();
        String accessToken = tokens.get("access_token").asString();
        assertThat(userinfo(accessToken).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = post("/oauth2/revoke", "token=" + accessToken + "&token_type_hint=access_token",
                basic("portal", TwoTestWebsites.PORTAL_SECRET), "*/*");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertNoRedirectNorCookie(revoked);

        HttpResponse<String> refused = userinfo(accessToken);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer ").contains("error=\"invalid_token\"");
        assertThat(json.readTree(refused.body()).get("error").asString()).isEqualTo("invalid_token");
        assertNoRedirectNorCookie(refused);
    }

    @Test
    void aWebsiteIntrospectsItsOwnTokensAndAnothersAreInactive() throws Exception {
        clients.save(new OidcProperties.Client("other-website", OTHER_SECRET, "Other website", List.of(REDIRECT), List.of(),
                List.of("openid"), "RS256"));
        String accessToken = portalTokens().get("access_token").asString();

        JsonNode own = json.readTree(post("/oauth2/website/introspect", "token=" + accessToken,
                basic("portal", TwoTestWebsites.PORTAL_SECRET), null).body());
        HttpResponse<String> foreign = post("/oauth2/website/introspect", "token=" + accessToken, basic("other-website", OTHER_SECRET), null);

        assertThat(own.get("active").asBoolean()).isTrue();
        assertThat(own.get("client_id").asString()).isEqualTo("portal");
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(json.readTree(foreign.body()).propertyNames()).containsExactly("active");
        assertThat(json.readTree(foreign.body()).get("active").asBoolean()).isFalse();
    }

    /**
     * The authorization server checks a website's secret with the encoder that hashed it: with its own default
     * it would find this hash outdated (service tests hash at bcrypt cost 4) and store it again at each use.
     */
    @Test
    void aWebsitesSecretIsCheckedWithTheServicesHashingAndKeptAsStored(@Autowired JdbcClient jdbc) throws Exception {
        String website = "hashing-" + UUID.randomUUID();
        clients.save(new OidcProperties.Client(website, OTHER_SECRET, "Hashing website", List.of(REDIRECT), List.of(),
                List.of("openid"), "RS256"));
        String stored = storedSecret(jdbc, website);

        HttpResponse<String> right = post("/oauth2/website/introspect", "token=unknown", basic(website, OTHER_SECRET), null);
        HttpResponse<String> wrong = post("/oauth2/website/introspect", "token=unknown", basic(website, OTHER_SECRET + "x"), null);

        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(storedSecret(jdbc, website)).isEqualTo(stored).startsWith("{bcrypt}$2a$04$");
    }

    private static String storedSecret(JdbcClient jdbc, String clientId) {
        return jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param(clientId)
                .query(String.class).single();
    }

    @Test
    void aPublicClientGetsNoRefreshTokenCannotUseTheGrantAndCannotAskForOfflineAccess() throws Exception {
        String verifier = verifier();
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", signIn("spa", "openid", verifier),
                "redirect_uri", REDIRECT, "client_id", "spa", "code_verifier", verifier), null);
        assertThat(tokens.has("refresh_token")).isFalse();

        HttpResponse<String> refresh = post("/oauth2/token", "grant_type=refresh_token&client_id=spa&refresh_token=anything", null, null);
        assertThat(refresh.statusCode()).isEqualTo(401);
        assertThat(json.readTree(refresh.body()).get("error").asString()).isEqualTo("invalid_client");

        HttpResponse<String> offline = new TestBrowser().get(uri(authorize("spa", "openid offline_access", challenge(verifier))).toString());
        assertThat(TestBrowser.location(offline)).startsWith(REDIRECT).contains("error=invalid_scope");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void assertNoRedirectNorCookie(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Location")).as("Location").isEmpty();
        assertThat(answer.headers().allValues("Set-Cookie")).as("Set-Cookie").isEmpty();
    }

    private JsonNode portalTokens() throws Exception {
        String verifier = verifier();
        return token(Map.of("grant_type", "authorization_code", "code", signIn("portal", "openid", verifier),
                "redirect_uri", REDIRECT, "code_verifier", verifier), basic("portal", TwoTestWebsites.PORTAL_SECRET));
    }

    /** A new user signs in to {@code clientId} in a new browser, by scanning: the authorization code. */
    private String signIn(String clientId, String scope, String verifier) throws Exception {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "std");
        TestBrowser browser = new TestBrowser();
        HttpResponse<String> authorize = browser.get(uri(authorize(clientId, scope, challenge(verifier))).toString());
        assertThat(TestBrowser.location(authorize)).endsWith("/login/scan");
        String location = TestBrowser.location(browser.follow(browser.scanAndApprove(uri("").toString(), client, user)));
        assertThat(location).startsWith(REDIRECT + "?code=");
        return TestBrowser.query(location).get("code");
    }

    private static String authorize(String clientId, String scope, String challenge) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&state=st&nonce=n&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private JsonNode token(Map<String, String> form, String authorization) throws Exception {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> answer = post("/oauth2/token", body, authorization, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertNoRedirectNorCookie(answer);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> userinfo(String accessToken) throws Exception {
        return send(request("/userinfo", null).header("Authorization", "Bearer " + accessToken).GET().build());
    }

    private HttpResponse<String> post(String path, String form, String authorization, String accept) throws Exception {
        HttpRequest.Builder request = request(path, accept).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        return accept == null ? request : request.header("Accept", accept);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String verifier() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

}
