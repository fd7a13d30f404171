package dev.wxlogin.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;

/** The endpoint existing mini programs call keeps its exact request and answer shapes. */
@DatabaseMatrix
@ServiceTest
class LegacyLoginEndpointTest {

    @Autowired
    UserStore users;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    private Response legacyLogin(SandboxPhone.Login login) {
        return client.postJson("/user/wxlogin", Map.of("platCode", login.code(),
                "platUserInfoMap", Map.of("encryptedData", login.encryptedData(), "iv", login.iv())));
    }

    @Test
    void simulatedUserLogsInAndGetsTheDecryptedUserInfo() {
        String user = TestUsers.unique("alice");
        SandboxPhone.Login login = phone.login(appid, user,
                Map.of("nickName", "Alice", "gender", 2, "city", "Shenzhen", "province", "Guangdong", "country", "China"), Map.of());

        Response response = legacyLogin(login);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("code").asInt()).isEqualTo(200);
        assertThat(response.json().get("msg").asString()).isEqualTo("登录成功");
        assertThat(response.json().get("userinfo")).isEqualTo(login.userInfo());
        assertThat(response.json().get("userinfo").get("watermark").get("appid").asString()).isEqualTo(appid);
        assertThat(response.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(response.json().get("expiresIn").asLong()).isPositive();
        assertThat(response.json().get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");
        Response me = client.get("/api/v1/me", response.json().get("accessToken").asString());
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.json().get("openid").asString()).isEqualTo(login.openid());
    }

    @Test
    void secondLoginUpdatesTheSameRow() {
        String user = TestUsers.unique("bob");
        legacyLogin(phone.login(appid, user, Map.of("nickName", "Bob"), Map.of()));
        SandboxPhone.Login second = phone.login(appid, user, Map.of("nickName", "Bobby", "city", "Hangzhou"), Map.of());

        assertThat(legacyLogin(second).status()).isEqualTo(200);

        UserAccount stored = users.findByOpenid(appid, second.openid()).orElseThrow();
        assertThat(stored.loginCount()).isEqualTo(2);
        assertThat(stored.profile().nickname()).isEqualTo("Bobby");
        assertThat(stored.profile().city()).isEqualTo("Hangzhou");
        assertThat(stored.lastLoginAt()).isAfterOrEqualTo(stored.createdAt());
    }

    @Test
    void anonymousProfileDoesNotOverwriteTheStoredOne() {
        String user = TestUsers.unique("carol");
        legacyLogin(phone.login(appid, user, Map.of("nickName", "Carol"), Map.of()));
        SandboxPhone.Login anonymous = phone.login(appid, user);

        Response response = legacyLogin(anonymous);

        assertThat(response.json().get("userinfo").get("nickName").asString()).isEqualTo("微信用户");
        assertThat(users.findByOpenid(appid, anonymous.openid()).orElseThrow().profile().nickname()).isEqualTo("Carol");
    }

    @Test
    void loginWithoutUserInfoAnswersTheStoredProfile() {
        String user = TestUsers.unique("dan");
        legacyLogin(phone.login(appid, user, Map.of("nickName", "Dan"), Map.of()));
        SandboxPhone.Login login = phone.login(appid, user);

        Response response = client.postJson("/user/wxlogin", Map.of("platCode", login.code()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("userinfo").get("openId").asString()).isEqualTo(login.openid());
        assertThat(response.json().get("userinfo").get("nickName").asString()).isEqualTo("Dan");
    }

    @Test
    void reusedCodeAnswersInTheLegacyShapeWithCodeEqualToStatus() {
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("erin"));
        legacyLogin(login);

        Response replay = legacyLogin(login);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("code").asInt()).isEqualTo(401);
        assertThat(replay.json().get("error").asString()).isEqualTo("WX_CODE_USED");
        assertThat(replay.json().get("msg").asString()).isNotBlank();
    }

    @Test
    void malformedBodyAnswersInTheLegacyShape() {
        Response response = client.postRaw("/user/wxlogin", "application/json", "{\"platCode\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asInt()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("MALFORMED_BODY");
    }

    @Test
    void forgedWatermarkIsRefusedAndNoUserIsCreated() {
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("mallory"), Map.of(),
                Map.of("watermarkAppid", "wxattacker00000000"));

        Response response = legacyLogin(login);

        assertThat(response.status()).isEqualTo(400);
        // One answer for every failure of the encrypted data (no oracle); the reason is only logged.
        assertThat(response.json().get("error").asString()).isEqualTo("DATA_DECRYPT_FAILED");
        assertThat(users.findByOpenid(appid, login.openid())).isEmpty();
    }
}
