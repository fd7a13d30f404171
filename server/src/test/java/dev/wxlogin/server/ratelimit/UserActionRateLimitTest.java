package dev.wxlogin.server.ratelimit;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import tools.jackson.databind.JsonNode;

/**
 * A signed-in user cannot make the service call WeChat (or store files) without limit: beyond the
 * per-user limit the answer is 429 RATE_LIMITED with Retry-After, and the sandbox's call counts
 * prove WeChat was not called.
 */
@RedisMatrix
@ServiceTest
class UserActionRateLimitTest {

    @Autowired
    SandboxWeChat sandbox;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @BeforeEach
    void limits(@Autowired AdjustableRateLimits.Limiter rateLimits) {
        // per user and minute: three phone bindings, session checks and decryptions, two avatar uploads
        rateLimits.set(new RateLimitProperties(0, 0, 3, 3, 3, 2, 0, 3));
    }

    @Test
    void thirtyRandomPhoneCodesReachWeChatOnlyUpToTheLimit() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "limit-phone");
        long before = sandbox.callCount("getuserphonenumber");

        int limited = countLimited(30, () -> client.postJson("/api/v1/me/phone",
                Map.of("code", "random-" + UUID.randomUUID()), user.accessToken()), "WX_PHONE_CODE_INVALID");

        assertThat(limited).isEqualTo(27);
        assertThat(sandbox.callCount("getuserphonenumber") - before).isEqualTo(3);
        // Another user is not held back by this one.
        LoggedIn other = TestLogins.loginNew(client, phone, appid, "limit-phone-other");
        Response bound = client.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(appid, other.user()).code()), other.accessToken());
        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
    }

    @Test
    void sessionChecksReachWeChatOnlyUpToTheLimit() {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "limit-session");
        long before = sandbox.callCount("checksession");

        int limited = countLimited(10, () -> client.get("/api/v1/wx/session", user.accessToken()), null);

        assertThat(limited).isEqualTo(7);
        assertThat(sandbox.callCount("checksession") - before).isEqualTo(3);
    }

    @Test
    void decryptionsAreLimitedPerUserAndSoAreTheirSessionChecks() {
        LoggedIn owner = TestLogins.loginNew(client, phone, appid, "limit-owner");
        LoggedIn prober = TestLogins.loginNew(client, phone, appid, "limit-prober");
        JsonNode foreign = phone.encrypt(appid, owner.user(), Map.of("shareTicket", "t"));
        long before = sandbox.callCount("checksession");

        int limited = countLimited(10, () -> client.postJson("/api/v1/wx/decrypt", Map.of(
                "encryptedData", foreign.get("encryptedData").asString(), "iv", foreign.get("iv").asString()), prober.accessToken()),
                "DATA_DECRYPT_FAILED");

        assertThat(limited).isEqualTo(7);
        assertThat(sandbox.callCount("checksession") - before).isEqualTo(3);
    }

    @Test
    void avatarUploadsAreLimitedPerUser() throws Exception {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "limit-avatar");
        BufferedImage pixel = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(pixel, "png", png);

        int limited = countLimited(5, () -> client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png",
                png.toByteArray(), user.accessToken()), null);

        assertThat(limited).isEqualTo(3);
    }

    /**
     * Sends {@code times} requests; each is either allowed (200, or the error {@code allowedError}) or
     * refused 429 RATE_LIMITED with Retry-After, and once refused every later one is too.
     */
    private static int countLimited(int times, Supplier<Response> request, String allowedError) {
        int limited = 0;
        for (int i = 0; i < times; i++) {
            Response response = request.get();
            if (response.status() == 429) {
                assertError(response, 429, "RATE_LIMITED");
                assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
                limited++;
            } else {
                assertThat(limited).as("allowed after being limited: %s", response.raw()).isZero();
                if (allowedError == null) {
                    assertThat(response.status()).as(response.raw()).isEqualTo(200);
                } else {
                    assertThat(response.json().get("code").asString()).as(response.raw()).isEqualTo(allowedError);
                }
            }
        }
        return limited;
    }
}
