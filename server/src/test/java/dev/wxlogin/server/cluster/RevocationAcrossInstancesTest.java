package dev.wxlogin.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceInstances;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.account.UserAdministration;
import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.RequestOrigin;

/**
 * Two instances on one PostgreSQL without Redis: a user disabled, or a session ended, through one
 * instance is refused by the other within seconds although the access token has not expired and
 * the other instance had just accepted it (its revocation check remembers answers only briefly, by
 * its clock: the test moves that clock past the interval instead of waiting).
 */
@Tag("cluster")
class RevocationAcrossInstancesTest {

    private final String appid = "wxrevoke" + (100_000_000 + new java.util.Random().nextInt(900_000_000));
    private static final String SECRET = "revocation-secret";
    /** The longest revocation-check interval the service allows (2 s by default). */
    private static final Duration CHECK_INTERVAL_AT_MOST = Duration.ofSeconds(5);

    @AutoClose
    private ServiceInstances instances;
    private SandboxPhone phone;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private HttpTestClient clientA;
    private HttpTestClient clientB;

    @BeforeEach
    void start() throws Exception {
        ServiceInstances.assumePostgreSql(false);
        instances = ServiceInstances.ofApp(appid, SECRET);
        phone = instances.phone();
        a = instance();
        clientA = ServiceInstances.client(a);
        b = instance();
        clientB = ServiceInstances.client(b);
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedByBothWithinSeconds() {
        LoggedIn user = TestLogins.loginNew(clientA, phone, appid, "disabled");
        assertThat(sessions(clientB, user).status()).isEqualTo(200);
        assertThat(sessions(clientA, user).status()).isEqualTo(200);

        a.getBean(UserAdministration.class).disable(user.userId(), new AdminActor("ops", RequestOrigin.NONE));

        assertThat(code(sessions(clientA, user))).isEqualTo("USER_DISABLED");
        afterTheCheckInterval(b);
        assertThat(code(sessions(clientB, user))).isEqualTo("USER_DISABLED");

        a.getBean(UserAdministration.class).enable(user.userId(), new AdminActor("ops", RequestOrigin.NONE));
        afterTheCheckInterval(b);
        assertThat(sessions(clientB, user).status()).isEqualTo(200);
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
        afterTheCheckInterval(a);
        assertThat(code(sessions(clientA, lost))).isEqualTo("SESSION_REVOKED");
        assertThat(sessions(clientA, kept).status()).isEqualTo(200);
    }

    private static Response sessions(HttpTestClient client, LoggedIn user) {
        return client.get("/api/v1/me/sessions", user.accessToken());
    }

    private static String code(Response response) {
        return response.json() == null || response.json().get("code") == null ? null : response.json().get("code").asString();
    }

    /** Moves the instance's clock past its revocation check's interval: what it remembers is asked again. */
    private static void afterTheCheckInterval(ConfigurableApplicationContext instance) {
        instance.getBean(MutableClock.class).advance(CHECK_INTERVAL_AT_MOST);
    }

    private ConfigurableApplicationContext instance() {
        return instances.startOnMovableClock(ServiceInstances.onPostgreSql());
    }
}
