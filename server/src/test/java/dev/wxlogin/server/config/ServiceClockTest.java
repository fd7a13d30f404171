package dev.wxlogin.server.config;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;

/**
 * Every part of the service reads the one {@code Clock} bean: moving it expires access tokens,
 * refresh tokens, login codes (the sandbox shares it) and signing keys, with no test waiting.
 */
@ServiceTest
class ServiceClockTest {

    @Autowired
    MutableClock clock;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void anAccessTokenExpiresWhenTheClockPassesItsLifetimeAndSkew() {
        LoggedIn ann = TestLogins.loginNew(client, phone, appid, "clock-ann");
        assertThat(client.get("/api/v1/me", ann.accessToken()).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(2).plusSeconds(31));

        assertError(client.get("/api/v1/me", ann.accessToken()), 401, "TOKEN_EXPIRED");
    }

    @Test
    void aRefreshTokenExpiresWhenTheClockPassesItsLifetime() {
        LoggedIn bob = TestLogins.loginNew(client, phone, appid, "clock-bob");

        clock.advance(Duration.ofDays(30).plusSeconds(1));

        assertError(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", bob.refreshToken())), 401, "REFRESH_TOKEN_INVALID");
    }

    @Test
    void aLoginCodeExpiresOnTheClockTheSandboxShares() {
        SandboxPhone.Login login = phone.login(appid, "clock-cat");

        clock.advance(Duration.ofMinutes(6));

        assertError(client.postJson("/api/v1/login", Map.of("code", login.code())), 401, "WX_CODE_INVALID");
    }

    @Test
    void theSigningKeyIsReplacedWhenTheClockPassesItsRotationAge() {
        // Other tests of this service move its clock up to 60 days ahead, and a key made then has a creation date in
        // what is the future again after their reset: start a year on, where no key may sign any more and a new one
        // signs at once.
        clock.advance(Duration.ofDays(365));
        String before = kid(TestLogins.loginNew(client, phone, appid, "clock-dan").accessToken());

        // A key signs for 30 days, and a day longer while its successor is published ahead (docs/tokens.md).
        clock.advance(Duration.ofDays(31).plusSeconds(1));
        LoggedIn later = TestLogins.loginNew(client, phone, appid, "clock-eve");

        assertThat(kid(later.accessToken())).isNotEqualTo(before);
        Response me = client.get("/api/v1/me", later.accessToken());
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
