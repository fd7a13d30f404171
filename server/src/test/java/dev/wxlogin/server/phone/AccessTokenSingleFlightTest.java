package dev.wxlogin.server.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins.LoggedIn;

/**
 * The sandbox's access_tokens live a few seconds here, so that a burst of token-needing requests
 * can meet an expired token: one fetch must serve them all. The service and its sandbox share a
 * clock the test moves past the token's expiry.
 */
@RedisMatrix
@ServiceTest
@TestPropertySource(properties = {"wxlogin.sandbox.token-lifetime=" + AccessTokenSingleFlightTest.LIFETIME_SECONDS + "s",
        // A hundred calls wait on the one fetch at once: more than the default bulkhead lets in (its test is WeChatOutageTest).
        "wxlogin.wechat.max-concurrent-calls=200"})
class AccessTokenSingleFlightTest {

    static final int LIFETIME_SECONDS = 6;

    @Autowired
    MutableClock clock;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;

    @Test
    void concurrentRequestsAtTokenExpiryCauseOneTokenFetch(LoggedIn kay) throws Exception {
        assertThat(client.get("/api/v1/wx/session", kay.accessToken()).status()).isEqualTo(200);
        long fetched = phone.callCount("stable_token");

        clock.advance(Duration.ofSeconds(LIFETIME_SECONDS).plusMillis(500));
        List<Response> answers = PhoneNumberTest.concurrently(100, () -> client.get("/api/v1/wx/session", kay.accessToken()));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isEqualTo(200));
        assertThat(phone.callCount("stable_token") - fetched).isEqualTo(1);
    }
}
