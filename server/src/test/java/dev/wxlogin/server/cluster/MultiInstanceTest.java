package dev.wxlogin.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.sandbox.Fault;
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

    private final String redisPrefix = TestRedis.keyPrefix("cluster-" + UUID.randomUUID());
    @AutoClose
    private ServiceInstances.Two cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = ServiceInstances.startTwo(APPID, SECRET, true, this::instance);
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
                HttpTestClient client = (i + round) % 2 == 0 ? cluster.clientA() : cluster.clientB();
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
        Response onA = login(cluster.clientA(), users.get(0));
        assertThat(me(cluster.clientB(), onA.json().get("accessToken").asString()).status()).isEqualTo(200);
        String fromA = onA.json().get("refreshToken").asString();
        Response refreshedOnB = refresh(cluster.clientB(), fromA);
        assertThat(refreshedOnB.status()).as(refreshedOnB.raw()).isEqualTo(200);

        // Presented again on A within the reuse grace window, the used token answers B's pair.
        Response againOnA = refresh(cluster.clientA(), fromA);
        assertThat(againOnA.status()).as(againOnA.raw()).isEqualTo(200);
        assertThat(againOnA.json().get("accessToken").asString()).isEqualTo(refreshedOnB.json().get("accessToken").asString());
        assertThat(againOnA.json().get("refreshToken").asString()).isEqualTo(refreshedOnB.json().get("refreshToken").asString());

        // A logout on B is seen by A at once.
        String family = login(cluster.clientB(), users.get(1)).json().get("refreshToken").asString();
        assertThat(cluster.clientB().postJson("/api/v1/logout", Map.of("refreshToken", family)).status()).isEqualTo(204);
        assertThat(refresh(cluster.clientA(), family).status()).isEqualTo(401);
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
                    HttpTestClient client = i % 2 == 0 && aAlive.get() ? cluster.clientA() : cluster.clientB();
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
        cluster.a().close(); // graceful: requests in flight finish first
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
            Response refreshed = refresh(cluster.clientB(), ack.refreshToken());
            assertThat(refreshed.status()).as("refresh token acknowledged to %s: %s", ack.user(), refreshed.raw()).isEqualTo(200);
        }
    }

    /**
     * A restart under load, as a rolling deployment does it: instance A is stopped (what SIGTERM does:
     * the context closes, Tomcat shuts down gracefully) while logins wait on WeChat and refreshes
     * stream in; every request A had accepted is answered, nothing answered is lost, nothing
     * unanswered took effect, and a new instance C serves the same users with the same tokens.
     */
    @Test
    void restartUnderLoadFinishesWhatWasAcceptedAndTheNextInstanceServesTheSameUsers() throws Exception {
        record Acknowledged(String user, long userId, String accessToken, String refreshToken) {
        }
        List<Acknowledged> before = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = "restart-" + UUID.randomUUID();
            Response login = login(cluster.clientA(), user);
            assertThat(login.status()).as(login.raw()).isEqualTo(200);
            before.add(new Acknowledged(user, login.json().get("user").get("id").asLong(),
                    login.json().get("accessToken").asString(), login.json().get("refreshToken").asString()));
        }

        // Logins held inside A, waiting on a slow WeChat, when the stop begins.
        int held = 6;
        long weChatCalls = cluster.phone().callCount("jscode2session");
        cluster.phone().fault("jscode2session", Fault.slow(1_500), held);
        List<String> heldUsers = new ArrayList<>();
        List<String> heldCodes = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            heldUsers.add("restart-held-" + UUID.randomUUID());
            heldCodes.add(cluster.phone().login(APPID, heldUsers.get(i)).code());
        }
        ExecutorService requests = Executors.newFixedThreadPool(held + before.size());
        try {
            List<Future<Response>> heldLogins = new ArrayList<>();
            for (String code : heldCodes) {
                heldLogins.add(requests.submit(() -> cluster.clientA().postJson("/api/v1/login", Map.of("code", code))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cluster.phone().callCount("jscode2session") < weChatCalls + held && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(cluster.phone().callCount("jscode2session")).as("held logins reached WeChat")
                    .isGreaterThanOrEqualTo(weChatCalls + held);

            // Refreshes keep coming while A stops.
            List<Future<Response>> refreshes = new ArrayList<>();
            for (Acknowledged ack : before) {
                refreshes.add(requests.submit(() -> {
                    try {
                        return refresh(cluster.clientA(), ack.refreshToken());
                    } catch (IllegalStateException connectionRefused) {
                        return null;
                    }
                }));
            }
            CompletableFuture<Void> stop = CompletableFuture.runAsync(cluster.a()::close);

            for (Future<Response> login : heldLogins) {
                Response answered = login.get(60, TimeUnit.SECONDS);
                assertThat(answered.status()).as("a login A had accepted: %s", answered.raw()).isEqualTo(200);
            }
            stop.get(60, TimeUnit.SECONDS);
            assertThat(cluster.a().isActive()).isFalse();

            ConfigurableApplicationContext c = instance(cluster.instances());
            HttpTestClient clientC = ServiceInstances.client(c);
            for (int i = 0; i < before.size(); i++) {
                Acknowledged ack = before.get(i);
                Response refreshed = refreshes.get(i).get(60, TimeUnit.SECONDS);
                // An answered refresh gave the token to use now; an unanswered one took no effect.
                String current = refreshed != null && refreshed.status() == 200
                        ? refreshed.json().get("refreshToken").asString() : ack.refreshToken();
                Response onC = refresh(clientC, current);
                assertThat(onC.status()).as("%s's refresh token on the next instance: %s", ack.user(), onC.raw()).isEqualTo(200);
                assertThat(me(clientC, ack.accessToken()).status()).isEqualTo(200);
                Response again = login(clientC, ack.user());
                assertThat(again.json().get("user").get("id").asLong()).isEqualTo(ack.userId());
            }
            for (int i = 0; i < held; i++) {
                Response heldLogin = heldLogins.get(i).get();
                assertThat(refresh(clientC, heldLogin.json().get("refreshToken").asString()).status()).isEqualTo(200);
                assertThat(login(clientC, heldUsers.get(i)).json().get("user").get("id").asLong())
                        .isEqualTo(heldLogin.json().get("user").get("id").asLong());
            }
        } finally {
            requests.shutdownNow();
        }
    }

    private Response login(HttpTestClient client, String user) {
        return client.postJson("/api/v1/login", Map.of("code", cluster.phone().login(APPID, user).code()));
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
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRESQL.jdbcUrl(), TestDatabase.POSTGRESQL.user(),
                TestDatabase.POSTGRESQL.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private ConfigurableApplicationContext instance(ServiceInstances instances) {
        return instances.start(ServiceInstances.onPostgreSql(
                "wxlogin.redis.url=" + TestRedis.URL,
                "wxlogin.redis.key-prefix=" + redisPrefix));
    }
}
