package dev.wxlogin.server.login;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.WeChatApps;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/wx/decrypt} with the session_key the server kept from the latest login. */
@ServiceTest
class WeChatDataDecryptTest {

    @Autowired
    WeChatApps apps;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture LoggedIn fay;

    @Test
    void runDataIsDecryptedWithTheStoredSessionKey() {
        JsonNode encrypted = phone.encrypt(apps.defaultApp().appid(), fay.user(),
                Map.of("stepInfoList", List.of(Map.of("timestamp", 1_700_000_000, "step", 8123))));

        Response response = decrypt(encrypted, fay.accessToken());

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.json().get("data").get("stepInfoList").get(0).get("step").asInt()).isEqualTo(8123);
        assertThat(response.json().get("data").get("watermark").get("appid").asString()).isEqualTo(apps.defaultApp().appid());
        assertThat(response.raw()).doesNotContain("session");
    }

    @Test
    void dataEncryptedBeforeANewerLoginFailsAsStaleSessionKey() {
        JsonNode old = phone.encrypt(apps.defaultApp().appid(), fay.user(), Map.of("shareTicket", "t"));
        LoggedIn again = TestLogins.login(client, phone, apps.defaultApp().appid(), fay.user());

        assertError(decrypt(old, again.accessToken()), 400, "DATA_DECRYPT_FAILED");
    }

    @Test
    void dataNamingAnotherUserIsRefused() {
        JsonNode forged = phone.encrypt(apps.defaultApp().appid(), fay.user(), Map.of("openId", "oSomebodyElse0000000000000000"));
        assertError(decrypt(forged, fay.accessToken()), 400, "DATA_OPENID_MISMATCH");
    }

    @Test
    void anotherUsersTokenCannotDecryptFaysData() {
        LoggedIn gil = TestLogins.loginNew(client, phone, apps.defaultApp().appid(), "gil");
        JsonNode faysData = phone.encrypt(apps.defaultApp().appid(), fay.user(), Map.of("shareTicket", "t"));

        assertError(decrypt(faysData, gil.accessToken()), 400, "DATA_DECRYPT_FAILED");
    }

    @Test
    void malformedInputAndMissingTokenAreRefused() {
        assertError(client.postJson("/api/v1/wx/decrypt", Map.of("iv", "AAAAAAAAAAAAAAAAAAAAAA=="), fay.accessToken()), 400, "INVALID_FIELD");
        assertError(client.postJson("/api/v1/wx/decrypt", Map.of("encryptedData", "AAAA", "iv", "short"), fay.accessToken()), 400, "DATA_IV_INVALID");
        assertError(client.postJson("/api/v1/wx/decrypt", Map.of("encryptedData", "AAAA", "iv", "AAAAAAAAAAAAAAAAAAAAAA==")), 401, "TOKEN_MISSING");
    }

    private Response decrypt(JsonNode encrypted, String accessToken) {
        return client.postJson("/api/v1/wx/decrypt", Map.of("encryptedData", encrypted.get("encryptedData").asString(),
                "iv", encrypted.get("iv").asString()), accessToken);
    }
}
