package dev.wxlogin.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceInstances;
import dev.wxlogin.server.TestDatabase;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.account.UserAdministration;

/**
 * Two instances on one PostgreSQL without Redis: a user disabled, or a session ended, through one
 * instance is refused by the other within seconds although the access token has not expired and
 * the other instance had just accepted it (its revocation check remembers answers only briefly).
 */
@Tag("cluster")
class RevocationAcrossInstancesTest {

    private final String appid = "wxrevoke" + (100_000_000 + new java.util.Random().nextInt(900_000_000));
    private static final String SECRET = "revocation-secret";
    /** Far above the 2 s the check promises, so that a slow machine does not fail the test; never asserted as a duration. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private ServiceInstances instances;
    private SandboxPhone phone;
    private ConfigurableApplicationContext a;
    private HttpTestClient clientA;
    private HttpTestClient clientB;

    @BeforeEach
    void start() throws Exception {
        String reason = TestDatabase.POSTGRESQL.unavailableReason();
        if (reason != null && TestDatabase.required()) {
            throw new IllegalStateException("WXLOGIN_TEST_REQUIRE_SERVICES=true but " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> "skipped, needs PostgreSQL: " + reason);
        SandboxWeChat wechat = SandboxWeChat.start(SandboxSettings.of(new SandboxApp(appid, SECRET, true)));
        instances = new ServiceInstances(wechat, appid, SECRET);
        phone = new SandboxPhone(wechat.baseUrl());
        a = instance();
        clientA = ServiceInstances.client(a);
        clientB = ServiceInstances.client(instance());
    }

    @AfterEach
    void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedByBothWithinSeconds() {
        LoggedIn user = TestLogins.loginNew(clientA, phone, appid, "disabled");
        assertThat(sessions(clientB, user).status()).isEqualTo(200);
        assertThat(sessions(clientA, user).status()).isEqualTo(200);

        a.getBean(UserAdministration.class).disable(user.userId(), "ops");

        assertThat(code(sessions(clientA, user))).isEqualTo("USER_DISABLED");
        assertThat(pollUntil(() -> sessions(clientB, user), r -> "USER_DISABLED".equals(code(r)))).isTrue();

        a.getBean(UserAdministration.class).enable(user.userId(), "ops");
        assertThat(pollUntil(() -> sessions(clientB, user), r -> r.status() == 200)).isTrue();
    }

    @Test
    void aSessionEndedOnOneInstanceIsRefusedByTheOtherWithinSeconds() throws Exception {
        String name = TestUsers.unique("revoked");
        LoggedIn kept = TestLogins.login(clientA, phone, appid, name);
        LoggedIn lost = TestLogins.login(clientB, phone, appid, name);
        assertThat(sessions(clientA, lost).status()).isEqualTo(200);
        String lostSid = SignedJWT.parse(lost.accessToken()).getJWTClaimsSet().getStringClaim("sid");

        assertThat(clientB.delete("/api/v1/me/sessions/" + lostSid, kept.accessToken()).status()).isEqualTo(204);

        assertThat(code(sessions(clientB, lost))).isEqualTo("SESSION_REVOKED");
        assertThat(pollUntil(() -> sessions(clientA, lost), r -> "SESSION_REVOKED".equals(code(r)))).isTrue();
        assertThat(sessions(clientA, kept).status()).isEqualTo(200);
    }

    private static Response sessions(HttpTestClient client, LoggedIn user) {
        return client.get("/api/v1/me/sessions", user.accessToken());
    }

    private static String code(Response response) {
        return response.json() == null || response.json().get("code") == null ? null : response.json().get("code").asString();
    }

    /** Asks until the answer matches or the deadline passes; says whether it matched. */
    private static boolean pollUntil(java.util.function.Supplier<Response> ask, Predicate<Response> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.test(ask.get())) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private ConfigurableApplicationContext instance() {
        return instances.start(
                "spring.datasource.url=" + TestDatabase.POSTGRESQL.jdbcUrl(),
                "spring.datasource.username=" + TestDatabase.POSTGRESQL.user(),
                "spring.datasource.password=" + TestDatabase.POSTGRESQL.password(),
                "wxlogin.token.issuer=https://login.example.test",
                "wxlogin.rate-limit.per-client-ip=0",
                "wxlogin.rate-limit.per-user=0");
    }
}
