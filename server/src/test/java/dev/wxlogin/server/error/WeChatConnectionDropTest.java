package dev.wxlogin.server.error;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;

/**
 * WeChat dropping the connection without an answer (closed, or reset) is {@code 502 WX_UNREACHABLE}
 * on every endpoint that calls WeChat, never an empty answer: only our own caller going away may
 * end a request without one.
 */
@ServiceTest
class WeChatConnectionDropTest {

    /** How WeChat's side drops the connection. */
    enum Drop {
        CLOSE(Fault.close()), RESET(Fault.reset());

        final Fault fault;

        Drop(Fault fault) {
            this.fault = fault;
        }
    }


    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @ParameterizedTest
    @EnumSource(Drop.class)
    void loginAnswers502(Drop drop) {
        String code = phone.login(appid, TestUsers.unique("drop")).code();
        dropGet("jscode2session", drop);

        assertError(client.postJson("/api/v1/login", Map.of("code", code)), 502, "WX_UNREACHABLE");
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void legacyLoginAnswers502InItsShape(Drop drop) {
        String code = phone.login(appid, TestUsers.unique("drop")).code();
        dropGet("jscode2session", drop);

        Response response = client.postJson("/user/wxlogin", Map.of("platCode", code));

        assertThat(response.status()).as(response.raw()).isEqualTo(502);
        assertThat(response.json()).as(response.raw()).isNotNull();
        assertThat(response.json().get("code").asInt()).isEqualTo(502);
        assertThat(response.json().get("error").asString()).isEqualTo("WX_UNREACHABLE");
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void phoneBindingAnswers502(Drop drop) {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "drop-phone");
        String code = phone.phoneCode(appid, user.user()).code();
        phone.fault("getuserphonenumber", drop.fault, 1);

        assertError(client.postJson("/api/v1/me/phone", Map.of("code", code), user.accessToken()), 502, "WX_UNREACHABLE");
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void accessTokenFetchDroppedAnswers502(Drop drop) {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "drop-token");
        String code = phone.phoneCode(appid, user.user()).code();
        // The cached token is refused, and fetching a new one meets the dropped connection.
        phone.invalidateTokens(appid);
        phone.fault("stable_token", drop.fault, 1);

        assertError(client.postJson("/api/v1/me/phone", Map.of("code", code), user.accessToken()), 502, "WX_UNREACHABLE");
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void sessionCheckAnswers502(Drop drop) {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "drop-session");
        dropGet("checksession", drop);

        assertError(client.get("/api/v1/wx/session", user.accessToken()), 502, "WX_UNREACHABLE");
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void decryptWhoseSessionCheckIsDroppedStillAnswersItsDecryptionFailure(Drop drop) {
        LoggedIn owner = TestLogins.loginNew(client, phone, appid, "drop-owner");
        LoggedIn other = TestLogins.loginNew(client, phone, appid, "drop-other");
        var encrypted = phone.encrypt(appid, owner.user(), Map.of("shareTicket", "t"));
        dropGet("checksession", drop);
        long checksBefore = phone.callCount("checksession");

        Response response = client.postJson("/api/v1/wx/decrypt", Map.of("encryptedData", encrypted.get("encryptedData").asString(),
                "iv", encrypted.get("iv").asString()), other.accessToken());

        assertError(response, 400, "DATA_DECRYPT_FAILED");
        assertThat(phone.callCount("checksession")).isGreaterThan(checksBefore);
    }

    /** The JDK client sends a GET once more after a connection ended before any answer: drop both. */
    private void dropGet(String api, Drop drop) {
        phone.fault(api, drop.fault, 2);
    }
}
