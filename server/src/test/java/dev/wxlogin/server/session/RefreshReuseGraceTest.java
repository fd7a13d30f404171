package dev.wxlogin.server.session;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.audit.RequestOrigin;

/**
 * The reuse grace window of refresh tokens, on the run's real database: a token presented again
 * shortly after its rotation (concurrently, or from another instance) answers the same pair; after
 * the window, or without one, reuse revokes the family as before; a revoked family stays revoked;
 * the pair is kept only sealed. Where time matters, the test builds the sessions as another
 * instance of the deployment would, on the same database, with a clock it moves.
 */
@DatabaseMatrix
@ServiceTest
class RefreshReuseGraceTest {

    static final Duration GRACE = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext service;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    @Fixture LoggedIn bob;
    // Whole milliseconds, as every database stores them exactly.
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @Test
    void tenConcurrentRefreshesWithOneTokenAllGetTheSamePairAndTheFamilyLives() throws Exception {
        List<Response> answers = concurrently(10, () -> refresh(bob.refreshToken()));

        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        }
        assertThat(answers).extracting(answer -> answer.json().get("accessToken").asString()).containsOnly(accessOf(answers.get(0)));
        assertThat(answers).extracting(answer -> answer.json().get("refreshToken").asString()).containsOnly(refreshOf(answers.get(0)));
        assertThat(familyRows()).as("exactly one rotation").isEqualTo(2);
        assertThat(client.get("/api/v1/me", accessOf(answers.get(0))).json().get("id").asLong()).isEqualTo(bob.userId());
        assertThat(refresh(refreshOf(answers.get(0))).status()).isEqualTo(200);
    }

    @Test
    void aTokenPresentedAgainWithinTheWindowAnswersTheSamePair() {
        Response first = refresh(bob.refreshToken());
        Response again = refresh(bob.refreshToken());

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(accessOf(again)).isEqualTo(accessOf(first));
        assertThat(refreshOf(again)).isEqualTo(refreshOf(first));
        assertThat(again.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(again.json().get("expiresIn").asLong()).isPositive();
        assertThat(refresh(refreshOf(first)).status()).isEqualTo(200);
    }

    @Test
    void reuseAtTheEndOfTheWindowRevokesTheFamily() {
        LoginSessions instance = instance(GRACE);
        TokenPair first = instance.refresh(bob.refreshToken(), RequestOrigin.NONE);

        clock.advance(GRACE.minusMillis(1));
        TokenPair again = instance.refresh(bob.refreshToken(), RequestOrigin.NONE);
        assertThat(again.accessToken()).isEqualTo(first.accessToken());
        assertThat(again.refreshToken()).isEqualTo(first.refreshToken());

        clock.advance(Duration.ofMillis(1));
        assertRefused(() -> instance.refresh(bob.refreshToken(), RequestOrigin.NONE), ApiError.REFRESH_TOKEN_REUSED);
        assertError(refresh(first.refreshToken()), 401, "REFRESH_TOKEN_INVALID");
    }

    @Test
    void theServiceRevokesOnReuseAfterTheWindowToo() {
        // Rotated a minute ago, as far as the running service's own clock is concerned.
        clock.advance(Duration.ofMinutes(-1));
        TokenPair first = instance(GRACE).refresh(bob.refreshToken(), RequestOrigin.NONE);

        assertError(refresh(bob.refreshToken()), 401, "REFRESH_TOKEN_REUSED");
        assertError(refresh(first.refreshToken()), 401, "REFRESH_TOKEN_INVALID");
    }

    @Test
    void reuseAfterTheWindowRevokesOnlyThatFamily() {
        LoggedIn otherDevice = TestLogins.login(client, phone, appid, bob.user());
        clock.advance(Duration.ofMinutes(-1));
        instance(GRACE).refresh(bob.refreshToken(), RequestOrigin.NONE);

        assertError(refresh(bob.refreshToken()), 401, "REFRESH_TOKEN_REUSED");

        assertThat(refresh(otherDevice.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void withoutAWindowReuseRevokesTheFamilyAtOnce() {
        LoginSessions instance = instance(Duration.ZERO);
        TokenPair first = instance.refresh(bob.refreshToken(), RequestOrigin.NONE);

        assertRefused(() -> instance.refresh(bob.refreshToken(), RequestOrigin.NONE), ApiError.REFRESH_TOKEN_REUSED);
        assertRefused(() -> instance.refresh(first.refreshToken(), RequestOrigin.NONE), ApiError.REFRESH_TOKEN_INVALID);
        assertThat(sealedSuccessors()).isZero();
    }

    @Test
    void withoutAWindowConcurrentUsesLetExactlyOneThrough() throws Exception {
        LoginSessions instance = instance(Duration.ZERO);

        List<Object> outcomes = concurrently(8, () -> {
            try {
                return instance.refresh(bob.refreshToken(), RequestOrigin.NONE);
            } catch (ApiException refused) {
                return refused.error();
            }
        });

        assertThat(outcomes).filteredOn(TokenPair.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ApiError.class::isInstance).hasSize(7)
                .allMatch(error -> error == ApiError.REFRESH_TOKEN_REUSED || error == ApiError.REFRESH_TOKEN_INVALID);
    }

    @Test
    void twoInstancesRacingOnOneTokenGiveTheSamePair() throws Exception {
        LoginSessions one = instance(GRACE);
        LoginSessions two = instance(GRACE);
        int[] turn = {0};

        List<TokenPair> pairs = concurrently(10, () -> {
            LoginSessions instance;
            synchronized (turn) {
                instance = turn[0]++ % 2 == 0 ? one : two;
            }
            return instance.refresh(bob.refreshToken(), RequestOrigin.NONE);
        });

        assertThat(pairs).extracting(TokenPair::accessToken).containsOnly(pairs.get(0).accessToken());
        assertThat(pairs).extracting(TokenPair::refreshToken).containsOnly(pairs.get(0).refreshToken());
        assertThat(familyRows()).isEqualTo(2);
    }

    @Test
    void aLoggedOutFamilyIsNotRevivedWithinTheWindow() {
        Response first = refresh(bob.refreshToken());
        assertThat(client.postJson("/api/v1/logout", Map.of("refreshToken", refreshOf(first))).status()).isEqualTo(204);

        assertError(refresh(bob.refreshToken()), 401, "REFRESH_TOKEN_INVALID");
        assertError(refresh(refreshOf(first)), 401, "REFRESH_TOKEN_INVALID");
        assertThat(sealedSuccessors()).isZero();
    }

    @Test
    void aFamilyRevokedForReuseIsNotRevivedByTheWindowOfItsNewerToken() {
        LoginSessions instance = instance(GRACE);
        TokenPair first = instance.refresh(bob.refreshToken(), RequestOrigin.NONE);
        TokenPair second = instance.refresh(first.refreshToken(), RequestOrigin.NONE);
        clock.advance(GRACE);
        assertRefused(() -> instance.refresh(bob.refreshToken(), RequestOrigin.NONE), ApiError.REFRESH_TOKEN_REUSED);

        assertError(refresh(first.refreshToken()), 401, "REFRESH_TOKEN_INVALID");
        assertError(refresh(second.refreshToken()), 401, "REFRESH_TOKEN_INVALID");
    }

    @Test
    void theSuccessorIsStoredOnlySealedAndErasedAfterTheWindow() {
        LoginSessions instance = instance(GRACE);
        TokenPair first = instance.refresh(bob.refreshToken(), RequestOrigin.NONE);

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM refresh_token WHERE user_id = ?").param(bob.userId())
                .query().listOfRows();
        String sealed = jdbc.sql("SELECT successor_sealed FROM refresh_token WHERE token_hash = ?")
                .param(RefreshTokenChain.hash(bob.refreshToken())).query(String.class).single();
        String rowId = jdbc.sql("SELECT id FROM refresh_token WHERE token_hash = ?")
                .param(RefreshTokenChain.hash(bob.refreshToken())).query(String.class).single();

        assertThat(rows.toString()).doesNotContain(first.accessToken()).doesNotContain(first.refreshToken())
                .doesNotContain(bob.refreshToken());
        assertThat(new SuccessorSealing().open(bob.refreshToken(), rowId, sealed)).get()
                .extracting(successor -> successor.refreshToken().value()).isEqualTo(first.refreshToken());
        assertThat(new SuccessorSealing().open(first.refreshToken(), rowId, sealed)).isEmpty();
        assertThat(new SuccessorSealing().open(bob.refreshToken(), "another-row", sealed)).isEmpty();

        LoginSessions store = instance(GRACE);
        store.eraseSuccessorsPastGrace(clock.instant().plus(GRACE).minusMillis(1));
        assertThat(sealedSuccessors()).isOne();
        store.eraseSuccessorsPastGrace(clock.instant().plus(GRACE));
        assertThat(sealedSuccessors()).isZero();
    }

    /** The sessions as another instance of the deployment runs them, on the same database, with the test's clock. */
    private LoginSessions instance(Duration grace) {
        return AnotherInstance.loginSessions(service, clock, grace);
    }

    private static <T> List<T> concurrently(int racers, Callable<T> call) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRefused(Runnable call, ApiError expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    private long familyRows() {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM refresh_token WHERE family_id =
                          (SELECT family_id FROM refresh_token WHERE token_hash = ?)""")
                .param(RefreshTokenChain.hash(bob.refreshToken())).query(Long.class).single();
    }

    private long sealedSuccessors() {
        return jdbc.sql("SELECT COUNT(*) FROM refresh_token WHERE user_id = ? AND successor_sealed IS NOT NULL")
                .param(bob.userId()).query(Long.class).single();
    }

    private Response refresh(String refreshToken) {
        return client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken));
    }

    private static String accessOf(Response response) {
        return response.json().get("accessToken").asString();
    }

    private static String refreshOf(Response response) {
        return response.json().get("refreshToken").asString();
    }
}
