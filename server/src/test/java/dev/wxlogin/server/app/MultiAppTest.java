package dev.wxlogin.server.app;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import tools.jackson.databind.JsonNode;

/** One deployment serving two mini programs: chosen per request, separate users, linked by unionid. */
@ServiceTest
@TestPropertySource(properties = {
        "wxlogin.appid=" + MultiAppTest.APP_A,
        "wxlogin.secret=secret-of-app-a",
        "wxlogin.app-list=" + MultiAppTest.APP_B + ":secret-of-app-b",
})
class MultiAppTest {

    static final String APP_A = "wxmultiapp00000001";
    static final String APP_B = "wxmultiapp00000002";

    @Autowired
    SandboxWeChat sandbox;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;

    @Test
    void twoAppsLogInSideBySideAndAUnionidLinksTheirUsers() {
        String person = TestUsers.unique("multi-kim");
        Response inA = login(person, APP_A, AppSelector.HEADER, APP_A);
        Response inB = login(person, APP_B, "Referer", "https://servicewechat.com/" + APP_B + "/3/page-frame.html");

        assertThat(inA.status()).as(inA.raw()).isEqualTo(200);
        assertThat(inB.status()).as(inB.raw()).isEqualTo(200);
        JsonNode userA = inA.json().get("user");
        JsonNode userB = inB.json().get("user");
        assertThat(userA.get("appid").asString()).isEqualTo(APP_A);
        assertThat(userB.get("appid").asString()).isEqualTo(APP_B);
        assertThat(userA.get("id").asLong()).isNotEqualTo(userB.get("id").asLong());
        assertThat(userA.get("openid").asString()).isNotEqualTo(userB.get("openid").asString());
        assertThat(userA.get("unionid").asString()).isNotBlank().isEqualTo(userB.get("unionid").asString());

        Response accounts = client.get("/api/v1/me/accounts", inB.json().get("accessToken").asString());
        assertThat(accounts.status()).as(accounts.raw()).isEqualTo(200);
        assertThat(accounts.json().get("unionid").asString()).isEqualTo(userA.get("unionid").asString());
        assertThat(accounts.json().get("accounts")).extracting(a -> a.get("appid").asString()).containsExactly(APP_A, APP_B);
        assertThat(accounts.json().get("accounts")).extracting(a -> a.get("id").asLong())
                .containsExactly(userA.get("id").asLong(), userB.get("id").asLong());
    }

    @Test
    void aTokenIsOnlyAcceptedForItsOwnApp() {
        Response inA = login(TestUsers.unique("multi-lou"), APP_A, AppSelector.HEADER, APP_A);
        String tokenOfA = inA.json().get("accessToken").asString();

        assertError(client.send(client.request("/api/v1/me").header("Authorization", "Bearer " + tokenOfA)
                .header(AppSelector.HEADER, APP_B).GET()), 403, "TOKEN_WRONG_APP");
        assertError(client.send(client.request("/api/v1/me").header("Authorization", "Bearer " + tokenOfA)
                .header("Referer", "https://servicewechat.com/" + APP_B + "/0/page-frame.html").GET()), 403, "TOKEN_WRONG_APP");
        Response own = client.send(client.request("/api/v1/me").header("Authorization", "Bearer " + tokenOfA)
                .header(AppSelector.HEADER, APP_A).GET());
        assertThat(own.status()).as(own.raw()).isEqualTo(200);
        assertThat(client.get("/api/v1/me", tokenOfA).status()).isEqualTo(200);
    }

    @Test
    void withTwoAppsTheRequestMustNameAKnownOne() {
        String code = phone.login(APP_A, TestUsers.unique("multi-max")).code();

        assertError(client.postJson("/api/v1/login", Map.of("code", code)), 400, "APP_REQUIRED");
        assertError(login(TestUsers.unique("multi-max"), APP_A, AppSelector.HEADER, "wxnotservedhere001"), 400, "APP_UNKNOWN");
        assertError(login(TestUsers.unique("multi-max"), APP_A, AppSelector.HEADER, "../../etc"), 400, "APP_UNKNOWN");
        Response legacy = client.postJson("/user/wxlogin", Map.of("platCode", code));
        assertThat(legacy.status()).isEqualTo(400);
        assertThat(legacy.json().get("error").asString()).isEqualTo("APP_REQUIRED");
    }

    @Test
    void aCodeOfOneAppSentAsTheOtherIsRefusedByWeChat() {
        Response crossed = login(TestUsers.unique("multi-ned"), APP_A, AppSelector.HEADER, APP_B);
        assertThat(crossed.status()).as(crossed.raw()).isEqualTo(401);
    }

    /** Logs {@code person} in to {@code codeApp} in the sandbox, sending the code with one naming header. */
    private Response login(String person, String codeApp, String header, String value) {
        String code = phone.login(codeApp, person).code();
        return client.send(client.request("/api/v1/login").header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")));
    }
}
