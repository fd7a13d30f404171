package dev.wxlogin.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.token.AccessTokenCache;

/**
 * With every logger at DEBUG, a login, a refresh, phone binding (both forms), a decrypt and their
 * error paths leave no login or phone code, session_key, access or refresh token, app secret,
 * WeChat access_token or full phone number in the log (nor a session_key or secret in a response).
 */
@RedisMatrix
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.level.root=DEBUG",
        "logging.level.org.springframework=DEBUG",
        "logging.level.org.apache=DEBUG",
        "logging.level.io.lettuce=DEBUG",
        "logging.level.com.zaxxer=DEBUG",
        "logging.level.org.flywaydb=DEBUG",
        "logging.level.io.github.bucket4j=DEBUG",
        "logging.level.com.nimbusds=DEBUG",
        "logging.level.dev.wxlogin=DEBUG",
})
class NoSecretInLogsTest {

    @Autowired
    UserStore users;
    @Autowired
    AccessTokenCache wechatTokens;
    @Autowired
    MutableClock clock;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture WeChatApp app;
    @Fixture String appid;

    @Test
    void noSecretReachesTheLogAtDebug(CapturedOutput output) {
        String user = TestUsers.unique("quiet");
        List<String> secrets = new ArrayList<>();
        List<Response> responses = new ArrayList<>();

        // Login with user info and a rawData signature, and the compatible endpoint.
        SandboxPhone.Login login = phone.login(appid, user, Map.of("nickName", "Q"), Map.of());
        Response ok = client.postJson("/api/v1/login", Map.of("code", login.code(), "encryptedData", login.encryptedData(),
                "iv", login.iv(), "rawData", login.rawData(), "signature", login.signature()));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        SandboxPhone.Login compatible = phone.login(appid, user);
        Response legacy = client.postJson("/user/wxlogin", Map.of("platCode", compatible.code()));
        assertThat(legacy.status()).as(legacy.raw()).isEqualTo(200);
        String accessToken = legacy.json().get("accessToken").asString();
        String refreshToken = legacy.json().get("refreshToken").asString();
        secrets.addAll(List.of(login.code(), login.signature(), compatible.code(), ok.json().get("accessToken").asString(),
                ok.json().get("refreshToken").asString(), accessToken, refreshToken));

        // Refresh; the used token again within the grace window (the same pair), then after it (the family is revoked).
        Response refreshed = client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken));
        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
        Response withinGrace = client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken));
        assertThat(withinGrace.status()).as(withinGrace.raw()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        Response reused = client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken));
        assertThat(reused.status()).as(reused.raw()).isEqualTo(401);
        SandboxPhone.Login again = phone.login(appid, user);
        Response third = client.postJson("/api/v1/login", Map.of("code", again.code()));
        accessToken = third.json().get("accessToken").asString();
        secrets.addAll(List.of(refreshed.json().get("accessToken").asString(), refreshed.json().get("refreshToken").asString(),
                again.code(), accessToken, third.json().get("refreshToken").asString()));
        long userId = third.json().get("user").get("id").asLong();

        // Phone binding by code (revealed in the answer, never in the log), then by encrypted data.
        SandboxPhone.PhoneCode phoneCode = phone.phoneCode(appid, user);
        Response bound = client.postJson("/api/v1/me/phone?reveal=true", Map.of("code", phoneCode.code()), accessToken);
        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        responses.add(client.postJson("/api/v1/me/phone?reveal=true", Map.of("code", phoneCode.code()), accessToken));
        SandboxPhone.EncryptedPhone encryptedPhone = phone.encryptedPhone(appid, user);
        Response boundLegacy = client.postJson("/api/v1/me/phone", Map.of("encryptedData", encryptedPhone.encryptedData(),
                "iv", encryptedPhone.iv()), accessToken);
        assertThat(boundLegacy.status()).as(boundLegacy.raw()).isEqualTo(200);
        responses.add(client.get("/api/v1/me/phone?reveal=true", accessToken));
        responses.add(client.get("/api/v1/me", accessToken));
        secrets.addAll(List.of(phoneCode.code(), phoneCode.purePhoneNumber(), encryptedPhone.purePhoneNumber()));

        // Decrypt: the phone number as the legacy button encrypts it, answered in full, logged never.
        SandboxPhone.EncryptedPhone forDecrypt = phone.encryptedPhone(appid, user);
        Response decrypted = client.postJson("/api/v1/wx/decrypt", Map.of("encryptedData", forDecrypt.encryptedData(),
                "iv", forDecrypt.iv()), accessToken);
        assertThat(decrypted.status()).as(decrypted.raw()).isEqualTo(200);
        secrets.add(forDecrypt.purePhoneNumber());
        String sessionKey = users.sessionKey(userId).orElseThrow().base64();
        String wechatAccessToken = wechatTokens.get(app).value();

        // Error paths: used and unknown codes, data for an older key, a bad signature, bad tokens, WeChat failures.
        responses.add(client.postJson("/api/v1/login", Map.of("code", login.code())));
        responses.add(client.postJson("/api/v1/login", Map.of("code", "unknown-code-4711")));
        SandboxPhone.Login stale = phone.login(appid, user);
        SandboxPhone.Login fresh = phone.login(appid, user);
        responses.add(client.postJson("/api/v1/login", Map.of("code", fresh.code(), "encryptedData", stale.encryptedData(), "iv", stale.iv())));
        SandboxPhone.Login badSignature = phone.login(appid, user, Map.of("nickName", "Q"), Map.of());
        responses.add(client.postJson("/api/v1/login", Map.of("code", badSignature.code(), "rawData", badSignature.rawData(),
                "signature", "0".repeat(40))));
        responses.add(client.postJson("/api/v1/wx/decrypt", Map.of("encryptedData", stale.encryptedData(), "iv", stale.iv()), accessToken));
        responses.add(client.get("/api/v1/me", accessToken.substring(0, accessToken.length() - 4) + "AAAA"));
        responses.add(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", "x" + refreshToken)));
        responses.add(client.postJson("/api/v1/me/phone", Map.of("code", "unknown-phone-code-4711"), accessToken));
        phone.fault("jscode2session", Fault.html502(), 1);
        SandboxPhone.Login during502 = phone.login(appid, user);
        responses.add(client.postJson("/api/v1/login", Map.of("code", during502.code())));
        phone.fault("jscode2session", Fault.errcode(-1), 3);
        SandboxPhone.Login duringBusy = phone.login(appid, user);
        responses.add(client.postJson("/api/v1/login", Map.of("code", duringBusy.code())));
        phone.clearFaults();
        secrets.addAll(List.of(stale.code(), fresh.code(), badSignature.code(), during502.code(), duringBusy.code(),
                "unknown-code-4711", "unknown-phone-code-4711", sessionKey, wechatAccessToken, app.secret()));

        for (Response response : responses) {
            assertThat(response.raw()).doesNotContain(sessionKey).doesNotContain(app.secret())
                    .doesNotContain(wechatAccessToken);
        }
        assertThat(decrypted.raw()).doesNotContain(sessionKey);
        String log = output.getAll();
        assertThat(log).contains("DEBUG").contains("login failed");
        for (String secret : secrets) {
            assertThat(log).as("the log holds a secret").doesNotContain(secret)
                    .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
    }
}
