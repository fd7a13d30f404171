package dev.wxlogin.server.session;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.account.UserAdministration;
import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.RequestOrigin;

/**
 * RFC 7662 introspection: a live token is active with its claims; after its session is ended, its
 * user disabled or deleted it is inactive at once; only configured resource servers may ask.
 */
@DatabaseMatrix
@ServiceTest
class IntrospectionTest {

    @Autowired
    UserAdministration administration;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void aLiveTokenIsActiveWithItsClaims() throws Exception {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "introspected");

        Response answer = introspect(user.accessToken(), basic(ServiceTest.INTROSPECTION_CLIENT, ServiceTest.INTROSPECTION_SECRET));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).contains("no-store");
        assertThat(answer.json().get("active").asBoolean()).isTrue();
        assertThat(answer.json().get("sub").asString()).isEqualTo(Long.toString(user.userId()));
        assertThat(answer.json().get("sid").asString())
                .isEqualTo(SignedJWT.parse(user.accessToken()).getJWTClaimsSet().getStringClaim("sid"));
        assertThat(answer.json().get("appid").asString()).isEqualTo(appid);
        assertThat(answer.json().get("plt").asString()).isEqualTo("wechat");
        assertThat(answer.json().get("exp").asLong()).isPositive();
        assertThat(answer.json().get("token_type").asString()).isEqualTo("Bearer");
    }

    @Test
    void aTokenOfAnotherPlatformNamesItsPlatform() {
        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, TestUsers.unique("introspected-qq"));
        Response login = client.send(client.request("/api/v1/login").header("Content-Type", "application/json")
                .header(AppSelector.HEADER, qq.appid())
                .POST(HttpRequest.BodyPublishers.ofString("{\"platform\":\"qq\",\"code\":\"" + qq.code() + "\"}")));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);

        Response answer = introspect(login.json().get("accessToken").asString(),
                basic(ServiceTest.INTROSPECTION_CLIENT, ServiceTest.INTROSPECTION_SECRET));

        assertThat(answer.json().get("active").asBoolean()).isTrue();
        assertThat(answer.json().get("appid").asString()).isEqualTo(qq.appid());
        assertThat(answer.json().get("plt").asString()).isEqualTo("qq");
    }

    @Test
    void aTokenIsInactiveOnceItsSessionEnds() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "logout");

        assertThat(client.postJson("/api/v1/logout", java.util.Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(204);

        assertInactive(user.accessToken());
    }

    @Test
    void aTokenIsInactiveOnceItsUserIsDisabledAndActiveAgainWhenEnabled() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "disabled");

        assertThat(administration.disable(user.userId(), new AdminActor("ops@example.test", RequestOrigin.NONE))).isTrue();
        assertInactive(user.accessToken());

        assertThat(administration.enable(user.userId(), new AdminActor("ops@example.test", RequestOrigin.NONE))).isTrue();
        assertThat(introspect(user.accessToken(), basic(ServiceTest.INTROSPECTION_CLIENT, ServiceTest.INTROSPECTION_SECRET))
                .json().get("active").asBoolean()).isTrue();
    }

    @Test
    void aTokenIsInactiveOnceItsAccountIsDeleted() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "deleted");

        assertThat(client.delete("/api/v1/me", user.accessToken()).status()).isEqualTo(204);

        assertInactive(user.accessToken());
    }

    @Test
    void garbageIsInactive() {
        Response answer = introspect("not.a.token", basic(ServiceTest.INTROSPECTION_CLIENT, ServiceTest.INTROSPECTION_SECRET));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().size()).isEqualTo(1);
        assertThat(answer.json().get("active").asBoolean()).isFalse();
    }

    @Test
    void callersOtherThanConfiguredResourceServersAreRefused() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "prober");

        Response anonymous = introspect(user.accessToken(), null);
        Response wrongSecret = introspect(user.accessToken(), basic(ServiceTest.INTROSPECTION_CLIENT, ServiceTest.INTROSPECTION_SECRET + "x"));
        Response unknownClient = introspect(user.accessToken(), basic("someone", ServiceTest.INTROSPECTION_SECRET));
        Response userToken = introspect(user.accessToken(), "Bearer " + user.accessToken());

        for (Response refused : new Response[] {anonymous, wrongSecret, unknownClient, userToken}) {
            assertError(refused, 401, "CLIENT_UNAUTHORIZED");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(refused.raw()).doesNotContain("\"active\"");
        }
    }

    @Test
    void discoveryNamesTheWebsitesIntrospectionNotThisOne() {
        Response discovery = client.get("/.well-known/openid-configuration");

        // Discovery describes the OpenID Connect provider to its clients, the websites, whose credentials
        // this endpoint refuses; resource servers learn of it from tokens.md.
        assertThat(discovery.json().get("introspection_endpoint").asString()).endsWith("/oauth2/website/introspect");
    }

    private void assertInactive(String accessToken) {
        Response answer = introspect(accessToken, basic(ServiceTest.INTROSPECTION_CLIENT, ServiceTest.INTROSPECTION_SECRET));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.json().get("active").asBoolean()).as(answer.raw()).isFalse();
        assertThat(answer.json().size()).isEqualTo(1);
    }

    private Response introspect(String token, String authorization) {
        HttpRequest.Builder request = client.request("/oauth2/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&token_type_hint=access_token"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
