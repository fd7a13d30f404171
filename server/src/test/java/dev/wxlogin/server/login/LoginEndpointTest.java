package dev.wxlogin.server.login;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.user.UserStore;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/login} against the sandbox over real sockets. */
@DatabaseMatrix
@ServiceTest
class LoginEndpointTest {

    @Autowired
    UserStore users;
    @Autowired
    SandboxWeChat sandbox;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void codeAloneLogsInAndCreatesTheUserOnce() {
        String user = TestUsers.unique("amy");
        SandboxPhone.Login first = phone.login(appid, user);

        Response created = client.postJson("/api/v1/login", Map.of("code", first.code()));
        Response again = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, user).code()));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("newUser").asBoolean()).isTrue();
        assertThat(created.json().get("user").get("openid").asString()).isEqualTo(first.openid());
        assertThat(created.json().get("user").get("unionid").asString()).isEqualTo(first.unionid());
        assertThat(again.json().get("newUser").asBoolean()).isFalse();
        assertThat(again.json().get("user").get("id").asLong()).isEqualTo(created.json().get("user").get("id").asLong());
        assertThat(users.findByOpenid(appid, first.openid()).orElseThrow().loginCount()).isEqualTo(2);
        assertThat(created.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(created.json().get("accessToken").asString()).isNotEqualTo(again.json().get("accessToken").asString());
        assertThat(created.json().get("refreshToken").asString()).isNotEqualTo(again.json().get("refreshToken").asString());
    }

    @Test
    void userInfoAndSignedRawDataAreCheckedAndStored() {
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("ben"),
                Map.of("nickName", "Ben", "gender", 1, "city", "Beijing"), Map.of());

        Response response = client.postJson("/api/v1/login", Map.of("code", login.code(),
                "encryptedData", login.encryptedData(), "iv", login.iv(),
                "rawData", login.rawData(), "signature", login.signature()));

        assertThat(response.status()).isEqualTo(200);
        JsonNode user = response.json().get("user");
        assertThat(user.get("nickname").asString()).isEqualTo("Ben");
        assertThat(user.get("gender").asInt()).isEqualTo(1);
        assertThat(user.get("city").asString()).isEqualTo("Beijing");
    }

    @Test
    void idFitsInAJavaScriptNumber() {
        Response response = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, TestUsers.unique("js")).code()));
        assertThat(response.json().get("user").get("id").asLong()).isPositive().isLessThan(1L << 53);
    }

    @Test
    void tamperedRawDataIsRefused() {
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("cat"), Map.of("nickName", "Cat"), Map.of());

        Response response = client.postJson("/api/v1/login", Map.of("code", login.code(),
                "rawData", login.rawData().replace("Cat", "Admin"), "signature", login.signature()));

        assertError(response, 400, "DATA_SIGNATURE_INVALID");
        assertThat(users.findByOpenid(appid, login.openid())).isEmpty();
    }

    @Test
    void encryptedDataFromAnOlderSessionFailsAsStaleSessionKey() {
        String user = TestUsers.unique("dora");
        SandboxPhone.Login old = phone.login(appid, user);
        SandboxPhone.Login current = phone.login(appid, user);

        Response response = client.postJson("/api/v1/login", Map.of("code", current.code(),
                "encryptedData", old.encryptedData(), "iv", old.iv()));

        assertError(response, 400, "DATA_DECRYPT_FAILED");
    }

    @Test
    void encryptedDataNamingAnotherUserIsRefused() {
        String user = TestUsers.unique("eve");
        SandboxPhone.Login login = phone.login(appid, user);
        JsonNode forged = phone.encrypt(appid, user, Map.of("openId", "oSomebodyElse0000000000000000"));

        Response response = client.postJson("/api/v1/login", Map.of("code", login.code(),
                "encryptedData", forged.get("encryptedData").asString(), "iv", forged.get("iv").asString()));

        assertError(response, 400, "DATA_OPENID_MISMATCH");
    }

    @Test
    void expiredWatermarkIsRefused() {
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("fay"), Map.of(), Map.of("watermarkAgeSeconds", 3600));

        Response response = client.postJson("/api/v1/login", Map.of("code", login.code(),
                "encryptedData", login.encryptedData(), "iv", login.iv()));

        assertError(response, 400, "DATA_DECRYPT_FAILED");
    }

    @Test
    void malformedEncryptedFieldsEachHaveTheirOwnCode() {
        assertError(loginWith(Map.of("encryptedData", "!!!not base64!!!")), 400, "DATA_ENCRYPTED_INVALID");
        assertError(loginWith(Map.of("iv", "c2hvcnQ=")), 400, "DATA_IV_INVALID");
        assertError(loginWith(Map.of("iv", "%%%")), 400, "DATA_IV_INVALID");
    }

    @Test
    void halfOfAPairIsRefusedBeforeCallingWeChat() {
        long before = sandbox.callCount("jscode2session");
        assertError(client.postJson("/api/v1/login", Map.of("code", "abc", "encryptedData", "AAAA")), 400, "INVALID_FIELD");
        assertError(client.postJson("/api/v1/login", Map.of("code", "abc", "rawData", "{}")), 400, "INVALID_FIELD");
        assertThat(sandbox.callCount("jscode2session")).isEqualTo(before);
    }

    @Test
    void unknownCodeIsUnauthorized() {
        assertError(client.postJson("/api/v1/login", Map.of("code", "never-issued")), 401, "WX_CODE_INVALID");
    }

    private Response loginWith(Map<String, String> overrides) {
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("gus"));
        Map<String, String> body = new HashMap<>(Map.of("code", login.code(), "encryptedData", login.encryptedData(), "iv", login.iv()));
        body.putAll(overrides);
        return client.postJson("/api/v1/login", body);
    }

}
