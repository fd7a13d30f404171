package dev.wxlogin.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.TestDatabase;
import dev.wxlogin.server.TestRedis;
import dev.wxlogin.server.ServiceInstances;

/**
 * Two service instances on one PostgreSQL and one Redis, as a real deployment runs them: users log
 * in through either, their tokens work on both, a refresh repeated on the other instance gets the same
 * answer, a revoked family is refused by both, and stopping one instance in the middle of a run loses
 * nothing that was acknowledged.
 */
@Tag("cluster")
class MultiInstanceTest {

    /** Each test has an app of its own, so that the rows it counts in the shared database are its own. */
    private final String APPID = "wxcluster" + (100_000_000 + new java.util.Random().nextInt(900_000_000));
    private static final String SECRET = "cluster-secret";

    private ServiceInstances instances;
    private SandboxPhone phone;
    private String databaseUrl;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private HttpTestClient clientA;
    private HttpTestClient clientB;

    @BeforeEach
    void start() throws Exception {
        String reason = TestDatabase.POSTGRESQL.unavailableReason();
        if (reason == null) {
            reason = TestRedis.unavailableReason();
        }
        if (reason != null && TestDatabase.required()) {
            throw new IllegalStateException("WXLOGIN_TEST_REQUIRE_SERVICES=true but " + reason);
        }
        String why = reason;
        Assumptions.assumeTrue(why == null, () -> "skipped, needs PostgreSQL and Redis: " + why);
        SandboxWeChat wechat = SandboxWeChat.start(SandboxSettings.of(new SandboxApp(APPID, SECRET, true)));
        instances = new ServiceInstances(wechat, APPID, SECRET);
        phone = new SandboxPhone(wechat.baseUrl());
        databaseUrl = TestDatabase.POSTGRESQL.jdbcUrl();
        String redisPrefix = TestRedis.keyPrefix("cluster-" + UUID.randomUUID());
        a = instance(redisPrefix);
        b = instance(redisPrefix);
        clientA = ServiceInstances.client(a);
        clientB = ServiceInstances.client(b);
    }

    @AfterEach
    void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void usersLogInThroughEitherInstanceAndTheirTokensWorkOnBoth() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add("user-" + UUID.randomUUID());
        }
        Map<String, Long> ids = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < users.size(); i++) {
                HttpTestClient client = (i + round) % 2 == 0 ? clientA : clientB;
                Response login = login(client, users.get(i));
                assertThat(login.status()).as(login.raw()).isEqualTo(200);
                Long previous = ids.putIfAbsent(users.get(i), login.json().get("user").get("id").asLong());
                if (previous != null) {
                    assertThat(login.json().get("user").get("id").asLong()).isEqualTo(previous);
                }
            }
        }
        assertThat(rowCount()).isEqualTo(users.size());
        for (String user : users) {
            assertThat(loginCount(ids.get(user))).isEqualTo(2);
        }

        // An access token from A opens /me on B; a refresh token from A is refreshed on B.
        Response onA = login(clientA, users.get(0));
        assertThat(me(clientB, onA.json().get("accessToken").asString()).status()).isEqualTo(200);
        String fromA = onA.json().get("refreshToken").asString();
        Response refreshedOnB = refresh(clientB, fromA);
        assertThat(refreshedOnB.status()).as(refreshedOnB.raw()).isEqualTo(200);

        // Presented again on A within the reuse grace window, the used token answers B's pair.
        Response againOnA = refresh(clientA, fromA);
        assertThat(againOnA.status()).as(againOnA.raw()).isEqualTo(200);
        assertThat(againOnA.json().get("accessToken").asString()).isEqualTo(refreshedOnB.json().get("accessToken").asString());
        assertThat(againOnA.json().get("refreshToken").asString()).isEqualTo(refreshedOnB.json().get("refreshToken").asString());

        // A logout on B is seen by A at once.
        String family = login(clientB, users.get(1)).json().get("refreshToken").asString();
        assertThat(clientB.postJson("/api/v1/logout", Map.of("refreshToken", family)).status()).isEqualTo(204);
        assertThat(refresh(clientA, family).status()).isEqualTo(401);
    }

    @Test
    void stoppingOneInstanceMidRunLosesNothingAcknowledged() throws Exception {
        record Acknowledged(String user, long userId, String refreshToken) {
        }
        List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean aAlive = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int worker = w;
            workers.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    String user = "worker-" + worker + "-user-" + (i % 10);
                    HttpTestClient client = i % 2 == 0 && aAlive.get() ? clientA : clientB;
                    attempts.incrementAndGet();
                    try {
                        Response login = login(client, user);
                        if (login.status() == 200) {
                            acknowledged.add(new Acknowledged(user, login.json().get("user").get("id").asLong(),
                                    login.json().get("refreshToken").asString()));
                        }
                    } catch (IllegalStateException connectionLost) {
                        // Not acknowledged: the client would retry with a new code.
                    }
                }
                return null;
            });
        }
        while (acknowledged.size() < 60) {
            Thread.sleep(20);
        }
        aAlive.set(false);
        a.close(); // graceful: requests in flight finish first
        workers.shutdown();
        assertThat(workers.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        assertThat(acknowledged.size()).isGreaterThan(60);
        Map<Long, Integer> perUser = new HashMap<>();
        for (Acknowledged ack : acknowledged) {
            perUser.merge(ack.userId(), 1, Integer::sum);
        }
        for (Map.Entry<Long, Integer> user : perUser.entrySet()) {
            assertThat(loginCount(user.getKey())).as("logins of user %d", user.getKey()).isGreaterThanOrEqualTo(user.getValue());
        }
        for (Acknowledged ack : acknowledged) {
            Response refreshed = refresh(clientB, ack.refreshToken());
            assertThat(refreshed.status()).as("refresh token acknowledged to %s: %s", ack.user(), refreshed.raw()).isEqualTo(200);
        }
    }

    private Response login(HttpTestClient client, String user) {
        return client.postJson("/api/v1/login", Map.of("code", phone.login(APPID, user).code()));
    }

    private static Response refresh(HttpTestClient client, String refreshToken) {
        return client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken));
    }

    private static Response me(HttpTestClient client, String accessToken) {
        return client.send(client.request("/api/v1/me").header("Authorization", "Bearer " + accessToken).GET());
    }

    private long rowCount() throws Exception {
        return queryLong("SELECT COUNT(*) FROM wx_user WHERE appid = ?", APPID);
    }

    private long loginCount(long userId) throws Exception {
        return queryLong("SELECT login_count FROM wx_user WHERE id = ?", userId);
    }

    private long queryLong(String sql, Object parameter) throws Exception {
        try (Connection connection = DriverManager.getConnection(databaseUrl, TestDatabase.POSTGRESQL.user(),
                TestDatabase.POSTGRESQL.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private ConfigurableApplicationContext instance(String redisPrefix) {
        return instances.start(
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=" + TestDatabase.POSTGRESQL.user(),
                "spring.datasource.password=" + TestDatabase.POSTGRESQL.password(),
                "wxlogin.redis.url=" + TestRedis.URL,
                "wxlogin.redis.key-prefix=" + redisPrefix,
                // One issuer for the whole cluster: tokens from one instance must verify on the other.
                "wxlogin.token.issuer=https://login.example.test",
                "wxlogin.rate-limit.per-client-ip=0",
                "wxlogin.rate-limit.per-user=0");
    }
}
