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
    private ServiceInstances.Two cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = ServiceInstances.startTwo(appid, SECRET, false,
                instances -> instances.startOnMovableClock(ServiceInstances.onPostgreSql()));
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedByBothWithinSeconds() {
        LoggedIn user = TestLogins.loginNew(cluster.clientA(), cluster.phone(), appid, "disabled");
        assertThat(sessions(cluster.clientB(), user).status()).isEqualTo(200);
        assertThat(sessions(cluster.clientA(), user).status()).isEqualTo(200);

        cluster.a().getBean(UserAdministration.class).disable(user.userId(), new AdminActor("ops", RequestOrigin.NONE));

        assertThat(code(sessions(cluster.clientA(), user))).isEqualTo("USER_DISABLED");
        afterTheCheckInterval(cluster.b());
        assertThat(code(sessions(cluster.clientB(), user))).isEqualTo("USER_DISABLED");

        cluster.a().getBean(UserAdministration.class).enable(user.userId(), new AdminActor("ops", RequestOrigin.NONE));
        afterTheCheckInterval(cluster.b());
        assertThat(sessions(cluster.clientB(), user).status()).isEqualTo(200);
    }

    @Test
    void aSessionEndedOnOneInstanceIsRefusedByTheOtherWithinSeconds() throws Exception {
        String name = TestUsers.unique("revoked");
        LoggedIn kept = TestLogins.login(cluster.clientA(), cluster.phone(), appid, name);
        LoggedIn lost = TestLogins.login(cluster.clientB(), cluster.phone(), appid, name);
        assertThat(sessions(cluster.clientA(), lost).status()).isEqualTo(200);
        String lostSid = SignedJWT.parse(lost.accessToken()).getJWTClaimsSet().getStringClaim("sid");

        assertThat(cluster.clientB().delete("/api/v1/me/sessions/" + lostSid, kept.accessToken()).status()).isEqualTo(204);

        assertThat(code(sessions(cluster.clientB(), lost))).isEqualTo("SESSION_REVOKED");
        afterTheCheckInterval(cluster.a());
        assertThat(code(sessions(cluster.clientA(), lost))).isEqualTo("SESSION_REVOKED");
        assertThat(sessions(cluster.clientA(), kept).status()).isEqualTo(200);
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
}
