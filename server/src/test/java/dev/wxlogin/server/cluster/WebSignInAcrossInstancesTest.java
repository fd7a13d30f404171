package dev.wxlogin.server.cluster;

import static dev.wxlogin.server.TestBrowser.location;
import static dev.wxlogin.server.TestBrowser.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.server.ServiceInstances;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances on one PostgreSQL, and a browser whose requests a load balancer spreads over them with
 * no sticky sessions: the sign-in it made by scanning through one instance lets the other answer its
 * website's next authorization request with a code, the website redeeming that code at either
 * instance gets an ID token that says when the user scanned, and a logout through either ends it on both.
 */
@Tag("cluster")
class WebSignInAcrossInstancesTest {

    private static final String SECRET = "web-sign-in-secret";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final String SIGNED_OUT = "http://127.0.0.1:9/signed-out";
    private static final String CLIENT_SECRET = "cluster-website-secret-of-some-length";

    /** Each test has an app and a website of its own in the shared database. */
    private final String appid = "wxwebsign" + (100_000_000 + new Random().nextInt(900_000_000));
    private final String clientId = "cluster-site-" + UUID.randomUUID();

    @AutoClose
    private ServiceInstances.Two cluster;
    private String serviceA;
    private String serviceB;

    @BeforeEach
    void start() throws Exception {
        cluster = ServiceInstances.startTwo(appid, SECRET, false, this::instance);
        serviceA = "http://127.0.0.1:" + port(cluster.a());
        serviceB = "http://127.0.0.1:" + port(cluster.b());
    }

    @Test
    void aBrowserThatScannedThroughOneInstanceIsSignedInOnTheOther() throws Exception {
        LoggedIn user = TestLogins.loginNew(cluster.clientB(), cluster.phone(), appid, "web-across");
        TestBrowser browser = new TestBrowser();
        assertThat(location(browser.get(authorize(serviceA, "on-a")))).endsWith("/login/scan");
        browser.scanAndApprove(serviceA, cluster.clientB(), user);

        HttpResponse<String> onB = browser.get(authorize(serviceB, "on-b"));

        assertThat(location(onB)).startsWith(REDIRECT + "?code=").endsWith("&state=on-b");
        JWTClaimsSet idToken = SignedJWT.parse(redeem(serviceA, query(location(onB)).get("code")).get("id_token").asString())
                .getJWTClaimsSet();
        Instant signedInAt = cluster.a().getBean(JdbcClient.class).sql("SELECT signed_in_at FROM web_sign_in WHERE user_id = ?")
                .param(user.userId()).query(Timestamp.class).single().toInstant();
        assertThat(idToken.getSubject()).isEqualTo(Long.toString(user.userId()));
        assertThat(idToken.getDateClaim("auth_time").toInstant()).isEqualTo(signedInAt.truncatedTo(ChronoUnit.SECONDS));
        assertThat(idToken.getStringClaim("sid")).isNotBlank();
    }

    @Test
    void aLogoutThroughOneInstanceEndsTheSignInOnTheOther() throws Exception {
        LoggedIn user = TestLogins.loginNew(cluster.clientB(), cluster.phone(), appid, "web-logout");
        TestBrowser browser = new TestBrowser();
        assertThat(location(browser.get(authorize(serviceA, "on-a")))).endsWith("/login/scan");
        HttpResponse<String> resumed = browser.follow(browser.scanAndApprove(serviceA, cluster.clientB(), user));
        String idToken = redeem(serviceA, query(location(resumed)).get("code")).get("id_token").asString();
        String signInToken = browser.cookie("WXLOGIN_WEB_SIGNIN").orElseThrow().getValue();

        HttpResponse<String> logout = browser.get(serviceB + "/connect/logout"
                + "?id_token_hint=" + URLEncoder.encode(idToken, StandardCharsets.UTF_8)
                + "&post_logout_redirect_uri=" + URLEncoder.encode(SIGNED_OUT, StandardCharsets.UTF_8));

        assertThat(location(logout)).isEqualTo(SIGNED_OUT);
        HttpResponse<String> replayedOnA = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorize(serviceA, "after")))
                .header("Accept", "text/html").header("Cookie", "WXLOGIN_WEB_SIGNIN=" + signInToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(location(replayedOnA)).endsWith("/login/scan");
    }

    private String authorize(String service, String state) {
        return service + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=openid&state=" + state
                + "&nonce=n&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
    }

    /** The website's back channel: the code for tokens, with its secret. */
    private JsonNode redeem(String service, String code) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code"
                        + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                        + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body());
    }

    private ConfigurableApplicationContext instance(ServiceInstances instances) {
        return instances.start(ServiceInstances.onPostgreSql(
                "wxlogin.rate-limit.scan-page-per-client-ip=0",
                "wxlogin.oidc.clients[0].client-id=" + clientId,
                "wxlogin.oidc.clients[0].secret=" + CLIENT_SECRET,
                "wxlogin.oidc.clients[0].redirect-uris[0]=" + REDIRECT,
                "wxlogin.oidc.clients[0].post-logout-redirect-uris[0]=" + SIGNED_OUT,
                "wxlogin.oidc.clients[0].scopes=openid"));
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }
}
