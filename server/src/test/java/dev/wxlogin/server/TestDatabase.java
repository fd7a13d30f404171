package dev.wxlogin.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database the service tests run against, chosen per Surefire execution by the system
 * property {@code wxlogin.test.database} ({@code h2}, {@code postgresql} or {@code mariadb}).
 * For a server database, each test JVM creates a fresh database of its own (and drops those that
 * earlier runs left behind over an hour ago), so runs never see each other's rows.
 */
public enum TestDatabase {
    H2(null, null, null),
    POSTGRESQL(env("WXLOGIN_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
            env("WXLOGIN_TEST_POSTGRES_USER", "postgres"), env("WXLOGIN_TEST_POSTGRES_PASSWORD", "")),
    MARIADB(env("WXLOGIN_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/"),
            env("WXLOGIN_TEST_MARIADB_USER", "root"), env("WXLOGIN_TEST_MARIADB_PASSWORD", ""));

    private static final String PREFIX = "wxlogin_test_";

    private final String adminUrl;
    private final String user;
    private final String password;
    private String databaseUrl;
    private String storeTestUrl;
    private String unavailable;
    private boolean probed;

    TestDatabase(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** The database this test JVM was started for. */
    public static TestDatabase selected() {
        return valueOf(System.getProperty("wxlogin.test.database", "h2").toUpperCase(Locale.ROOT));
    }

    /** Whether an unreachable server must fail the run instead of skipping its tests (CI sets it). */
    public static boolean required() {
        return Boolean.parseBoolean(env("WXLOGIN_TEST_REQUIRE_SERVICES", "false"));
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Why the server cannot be used, or {@code null} when it can (always for H2). */
    public synchronized String unavailableReason() {
        prepare();
        return unavailable;
    }

    /** The JDBC URL of this JVM's fresh database; {@code null} for H2, which the tests place by data dir. */
    public synchronized String jdbcUrl() {
        prepare();
        if (unavailable != null) {
            throw new IllegalStateException(unavailable);
        }
        return databaseUrl;
    }

    /**
     * The JDBC URL of a second fresh database of this JVM, for the {@link StoreTest} classes: the stores
     * they build write rows (signing keys, sealed session keys) that the services of this JVM must not see.
     * For H2, an in-memory database.
     */
    public synchronized String storeTestJdbcUrl() {
        if (this == H2) {
            return "jdbc:h2:mem:wxlogin-store-tests;DB_CLOSE_DELAY=-1";
        }
        String serviceDatabase = jdbcUrl();
        if (storeTestUrl == null) {
            try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
                storeTestUrl = create(admin);
            } catch (SQLException e) {
                throw new IllegalStateException(name() + " created " + serviceDatabase + " but not a second database", e);
            }
        }
        return storeTestUrl;
    }

    private void prepare() {
        if (probed || this == H2) {
            probed = true;
            return;
        }
        probed = true;
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            dropLeftovers(admin);
            databaseUrl = create(admin);
        } catch (SQLException e) {
            unavailable = name() + " is not reachable at " + adminUrl + " as " + user + ": " + e.getMessage();
        }
    }

    /** Creates a database with a fresh name (dropped by a later run's {@link #dropLeftovers}); returns its URL. */
    private String create(Connection admin) throws SQLException {
        String name = PREFIX + Instant.now().getEpochSecond() + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        try (Statement sql = admin.createStatement()) {
            if (this == POSTGRESQL) {
                sql.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
                return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
            }
            sql.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return adminUrl + name;
        }
    }

    private void dropLeftovers(Connection admin) throws SQLException {
        String list = this == POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'"
                : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '" + PREFIX + "%'";
        List<String> stale = new ArrayList<>();
        long cutoff = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        try (Statement sql = admin.createStatement(); ResultSet rs = sql.executeQuery(list)) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            try (Statement sql = admin.createStatement()) {
                sql.execute(this == POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
