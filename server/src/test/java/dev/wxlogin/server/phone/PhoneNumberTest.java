package dev.wxlogin.server.phone;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.AtOnce;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;

/** {@code /api/v1/me/phone} and {@code /api/v1/wx/session} against the sandbox, counting its calls. */
@RedisMatrix
@ServiceTest
class PhoneNumberTest {


    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void phoneCodeBindsTheNumberAndAnswersItMasked() {
        LoggedIn ann = TestLogins.loginNew(client, phone, appid, "phone-ann");
        SandboxPhone.PhoneCode code = phone.phoneCode(appid, ann.user(), "13812345678", "86");

        Response bound = client.postJson("/api/v1/me/phone", Map.of("code", code.code()), ann.accessToken());

        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        assertThat(bound.json().get("phoneNumber").asString()).isEqualTo("138****5678");
        assertThat(bound.json().get("countryCode").asString()).isEqualTo("86");
        assertThat(bound.json().get("verifiedAt").isNull()).isFalse();
        assertThat(bound.raw()).doesNotContain("13812345678");
        Response me = client.get("/api/v1/me", ann.accessToken());
        assertThat(me.json().get("phone").get("phoneNumber").asString()).isEqualTo("138****5678");
        assertThat(me.raw()).doesNotContain("13812345678");
        Response revealed = client.get("/api/v1/me/phone?reveal=true", ann.accessToken());
        assertThat(revealed.json().get("phoneNumber").asString()).isEqualTo("13812345678");
        assertThat(revealed.json().get("purePhoneNumber").asString()).isEqualTo("13812345678");
    }

    @Test
    void aRetriedCodeIsExchangedWithWeChatOnce() {
        LoggedIn bob = TestLogins.loginNew(client, phone, appid, "phone-bob");
        String code = phone.phoneCode(appid, bob.user()).code();
        long before = phone.callCount("getuserphonenumber");

        Response first = client.postJson("/api/v1/me/phone", Map.of("code", code), bob.accessToken());
        Response retry = client.postJson("/api/v1/me/phone", Map.of("code", code), bob.accessToken());
        Response revealedRetry = client.postJson("/api/v1/me/phone?reveal=true", Map.of("code", code), bob.accessToken());

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.json().get("phoneNumber").asString()).isEqualTo(first.json().get("phoneNumber").asString());
        assertThat(revealedRetry.json().get("masked").asBoolean()).isFalse();
        assertThat(phone.callCount("getuserphonenumber") - before).isEqualTo(1);
    }

    @Test
    void concurrentRetriesOfOneCodeCauseOneExchange() throws Exception {
        LoggedIn cat = TestLogins.loginNew(client, phone, appid, "phone-cat");
        String code = phone.phoneCode(appid, cat.user()).code();
        long before = phone.callCount("getuserphonenumber");

        List<Response> answers = concurrently(20, () -> client.postJson("/api/v1/me/phone", Map.of("code", code), cat.accessToken()));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isEqualTo(200));
        assertThat(answers).extracting(a -> a.json().get("phoneNumber").asString()).containsOnly(answers.get(0).json().get("phoneNumber").asString());
        assertThat(phone.callCount("getuserphonenumber") - before).isEqualTo(1);
    }

    @Test
    void anotherUserCannotReplaySomeoneElsesCode() {
        LoggedIn dan = TestLogins.loginNew(client, phone, appid, "phone-dan");
        LoggedIn eve = TestLogins.loginNew(client, phone, appid, "phone-eve");
        String code = phone.phoneCode(appid, dan.user()).code();
        assertThat(client.postJson("/api/v1/me/phone", Map.of("code", code), dan.accessToken()).status()).isEqualTo(200);
        long before = phone.callCount("getuserphonenumber");

        assertError(client.postJson("/api/v1/me/phone", Map.of("code", code), eve.accessToken()), 409, "PHONE_CODE_OTHER_USER");
        assertThat(phone.callCount("getuserphonenumber")).isEqualTo(before);
        assertError(client.get("/api/v1/me/phone", eve.accessToken()), 404, "PHONE_NOT_BOUND");
    }

    @Test
    void aRefusedCodeIsAnsweredAgainWithoutAnotherCall() {
        LoggedIn fay = TestLogins.loginNew(client, phone, appid, "phone-fay");
        long before = phone.callCount("getuserphonenumber");

        assertError(client.postJson("/api/v1/me/phone", Map.of("code", "no-such-code"), fay.accessToken()), 400, "WX_PHONE_CODE_INVALID");
        assertError(client.postJson("/api/v1/me/phone", Map.of("code", "no-such-code"), fay.accessToken()), 400, "WX_PHONE_CODE_INVALID");
        assertThat(phone.callCount("getuserphonenumber") - before).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedBeforeWeChatIsAsked() {
        LoggedIn gus = TestLogins.loginNew(client, phone, appid, "phone-gus");
        assertError(client.postJson("/api/v1/me/phone", Map.of(), gus.accessToken()), 400, "INVALID_FIELD");
        assertError(client.postJson("/api/v1/me/phone", Map.of("code", "x", "encryptedData", "y", "iv", "z"), gus.accessToken()), 400, "INVALID_FIELD");
        assertError(client.postJson("/api/v1/me/phone", Map.of("encryptedData", "y"), gus.accessToken()), 400, "INVALID_FIELD");
        assertError(client.postJson("/api/v1/me/phone", Map.of("code", "x"), "not-a-token"), 401, "TOKEN_INVALID");
    }

    @Test
    void legacyEncryptedPhoneNumberIsDecryptedWithTheStoredSessionKey() {
        LoggedIn hal = TestLogins.loginNew(client, phone, appid, "phone-hal");
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(appid, hal.user());

        Response bound = client.postJson("/api/v1/me/phone?reveal=true",
                Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv()), hal.accessToken());

        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        assertThat(bound.json().get("phoneNumber").asString()).isEqualTo(encrypted.phoneNumber());
        assertThat(bound.json().get("countryCode").asString()).isEqualTo(encrypted.countryCode());
    }

    @Test
    void aTokenWeChatRejectsIsRefreshedOnceAndTheCallSucceeds() {
        LoggedIn ivy = TestLogins.loginNew(client, phone, appid, "phone-ivy");
        assertThat(client.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(appid, ivy.user()).code()), ivy.accessToken())
                .status()).isEqualTo(200);
        long tokensBefore = phone.callCount("stable_token");
        long exchangesBefore = phone.callCount("getuserphonenumber");
        phone.invalidateTokens(appid);

        Response bound = client.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(appid, ivy.user()).code()), ivy.accessToken());

        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        assertThat(phone.callCount("stable_token") - tokensBefore).isEqualTo(1);
        assertThat(phone.callCount("getuserphonenumber") - exchangesBefore).isEqualTo(2);
    }

    @Test
    void sessionCheckTellsAStaleSessionKey() {
        LoggedIn jon = TestLogins.loginNew(client, phone, appid, "phone-jon");
        Response current = client.get("/api/v1/wx/session", jon.accessToken());
        assertThat(current.status()).as(current.raw()).isEqualTo(200);
        assertThat(current.json().get("valid").asBoolean()).isTrue();

        phone.login(appid, jon.user()); // wx.login() on the phone replaces the key we hold

        assertError(client.get("/api/v1/wx/session", jon.accessToken()), 409, "WX_SESSION_KEY_STALE");
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(appid, jon.user());
        assertError(client.postJson("/api/v1/me/phone", Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv()),
                jon.accessToken()), 409, "WX_SESSION_KEY_STALE");
    }

    static List<Response> concurrently(int n, java.util.function.Supplier<Response> request) throws Exception {
        return AtOnce.run(n, i -> request.get());
    }
}
