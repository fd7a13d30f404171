package dev.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the database matrix honest: a test class whose service runs on the selected database
 * ({@link ServiceTest}, {@link TestDatabaseCondition}) and that touches a store — a {@code *Store},
 * {@code JdbcClient}, {@code DataSource}, Redis, or a main class that talks to the database or Redis
 * itself — is a {@link DatabaseMatrix} class, so it runs on PostgreSQL and MariaDB too; and a matrix class that
 * reaches what Redis takes over (rate limits, the platforms' access tokens, the health report) is a
 * {@link RedisMatrix} class, so it runs with Redis too.
 * Read from the sources (Surefire runs in the module directory), as a reviewer reads them.
 */
class DatabaseMatrixGuardTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path TESTS = Path.of("src/test/java");
    private static final Pattern STORE_ACCESS = Pattern.compile(
            "^import (org\\.springframework\\.jdbc|javax\\.sql|io\\.lettuce|dev\\.wxlogin\\.server\\.redis\\.RedisConnections)\\b",
            Pattern.MULTILINE);
    /**
     * What Redis takes over when configured ({@code @ConditionalOnRedis} in the main code): the rate limits'
     * buckets, the platforms' access tokens (a WeChat phone code is traded with one), and the health report.
     */
    private static final Pattern REDIS_BACKED = Pattern.compile(
            "(AdjustableRateLimits|RateLimitProperties|AccessTokenCache|SharedAccessTokenStore|phoneCode\\(|stable_token|/wx/session|/actuator/health|Redis\\w*)");
    /** A class annotated with {@link DatabaseMatrix} alone, not {@link RedisMatrix}. */
    private static final Pattern MATRIX_CLASS = Pattern.compile("^@DatabaseMatrix$", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern IMPORTS = Pattern.compile("^import [^;]*;", Pattern.MULTILINE);

    @Test
    void everyServiceTestThatTouchesAStoreRunsOnEveryDatabase() {
        Pattern touches = Pattern.compile("\\b(JdbcClient|JdbcTemplate|DataSource|Redis\\w*|\\w+Store|"
                + String.join("|", storeClasses()) + ")\\b");
        Set<String> missing = new TreeSet<>();
        for (Path source : javaFiles(TESTS)) {
            String code = code(read(source));
            boolean onSelectedDatabase = code.contains("@ServiceTest") || code.contains("TestDatabaseCondition");
            boolean testClass = code.contains("@Test") || code.contains("@ParameterizedTest");
            if (!onSelectedDatabase || !testClass || code.contains("@DatabaseMatrix") || code.contains("@RedisMatrix") || code.contains("@interface")) {
                continue;
            }
            Matcher store = touches.matcher(code);
            if (store.find()) {
                missing.add(TESTS.relativize(source) + " (uses " + store.group(1) + ")");
            }
        }

        assertThat(missing).as("service test classes that touch a store but are not @DatabaseMatrix").isEmpty();
    }

    @Test
    void everyMatrixClassThatReachesWhatRedisTakesOverRunsWithRedis() {
        Set<String> missing = new TreeSet<>();
        for (Path source : javaFiles(TESTS)) {
            String code = code(read(source));
            if (!MATRIX_CLASS.matcher(code).find() || code.contains("@interface")) {
                continue;
            }
            Matcher redis = REDIS_BACKED.matcher(code);
            if (redis.find()) {
                missing.add(TESTS.relativize(source) + " (uses " + redis.group(1) + ")");
            }
        }

        assertThat(missing).as("matrix classes that reach a Redis-backed feature but are not @RedisMatrix").isEmpty();
    }

    @Test
    void theGuardSeesTheStoresAndTheServiceTests() {
        assertThat(storeClasses()).contains("UserStore", "LoginSessions", "RefreshTokenChain", "AuditLog", "WebGrants");
        assertThat(javaFiles(TESTS)).anyMatch(source -> source.endsWith("user/UserStoreTest.java"));
        assertThat(REDIS_BACKED.matcher(code(read(TESTS.resolve("dev/wxlogin/server/ratelimit/LoginRateLimitTest.java")))).find())
                .as("a rate-limit test reaches Redis").isTrue();
        assertThat(REDIS_BACKED.matcher(code(read(TESTS.resolve("dev/wxlogin/server/phone/PhoneNumberTest.java")))).find())
                .as("a WeChat phone-number test reaches Redis").isTrue();
    }

    /** Main classes (not their configuration) that use JDBC or Redis directly. */
    private static Set<String> storeClasses() {
        return javaFiles(MAIN).stream()
                .filter(source -> STORE_ACCESS.matcher(read(source)).find())
                .map(source -> source.getFileName().toString().replace(".java", ""))
                .filter(name -> !name.endsWith("Configuration") && !name.endsWith("Properties"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String code(String source) {
        return IMPORTS.matcher(COMMENTS.matcher(source).replaceAll(" ")).replaceAll(" ");
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
