package dev.wxlogin.server;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The Redis the tests use ({@code WXLOGIN_TEST_REDIS_URL}, default the local one), with a key
 * prefix of this JVM's own so that runs never see each other's keys.
 */
public final class TestRedis {

    public static final String URL = System.getenv().getOrDefault("WXLOGIN_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    private static final String PREFIX = "wxlogin-test-" + UUID.randomUUID() + ":";
    private static String unavailable;
    private static boolean probed;

    private TestRedis() {
    }

    /** Whether this test JVM runs the service tests with Redis (the Surefire execution says). */
    public static boolean selected() {
        return Boolean.getBoolean("wxlogin.test.redis");
    }

    /** A key prefix unique to this JVM, plus {@code scope} to separate tests that share nothing. */
    public static String keyPrefix(String scope) {
        return PREFIX + scope + ":";
    }

    /** Why Redis cannot be used, or {@code null} when it can. */
    public static synchronized String unavailableReason() {
        if (!probed) {
            probed = true;
            RedisURI uri = RedisURI.create(URL);
            uri.setTimeout(Duration.ofSeconds(2));
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().ping();
            } catch (RuntimeException e) {
                unavailable = "Redis is not reachable at " + URL + ": " + e.getMessage();
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }
        return unavailable;
    }
}
