package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import dev.wxlogin.server.ServiceInstances;
import dev.wxlogin.server.TestDatabase;
import dev.wxlogin.server.WxLoginApplication;
import dev.wxlogin.server.config.DatabaseServer.Kind;

/**
 * The version queries against the real servers on this machine (skipped where one is not running,
 * unless WXLOGIN_TEST_REQUIRE_SERVICES=true), and a start on a MariaDB session without
 * {@code explicit_defaults_for_timestamp}, refused in one line before any migration.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseServerInspectionTest {

    /** MariaDB Connector/J sets this on every connection it opens, as an old server's default would. */
    private static final String TIMESTAMP_DEFAULTS_OFF = "?sessionVariables=explicit_defaults_for_timestamp=0";

    @Test
    void theRunningPostgresqlIsRecognisedAndServed() throws SQLException {
        String url = reachable(TestDatabase.POSTGRESQL);
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.POSTGRESQL.user(), TestDatabase.POSTGRESQL.password())) {
            DatabaseServer server = DatabaseServer.inspect(connection);
            assertThat(server.kind()).isEqualTo(Kind.POSTGRESQL);
            assertThat(server.major()).isGreaterThanOrEqualTo(13);
            assertThat(server.problem()).isEmpty();
        }
    }

    @Test
    void theRunningMariadbIsRecognisedWithItsTimestampSetting() throws SQLException {
        String url = reachable(TestDatabase.MARIADB);
        try (Connection on = DriverManager.getConnection(url, TestDatabase.MARIADB.user(), TestDatabase.MARIADB.password());
             Connection off = DriverManager.getConnection(url + TIMESTAMP_DEFAULTS_OFF, TestDatabase.MARIADB.user(), TestDatabase.MARIADB.password())) {
            DatabaseServer served = DatabaseServer.inspect(on);
            assertThat(served.kind()).isEqualTo(Kind.MARIADB);
            assertThat(served.explicitDefaultsForTimestamp()).isTrue();
            assertThat(served.problem()).isEmpty();

            DatabaseServer refused = DatabaseServer.inspect(off);
            assertThat(refused.explicitDefaultsForTimestamp()).isFalse();
            assertThat(refused.problem()).isPresent();
        }
    }

    @Test
    void aStartOnMariadbWithoutExplicitTimestampDefaultsIsRefusedInOneLine(CapturedOutput output) {
        String url = reachable(TestDatabase.MARIADB);
        assertThatThrownBy(() -> new SpringApplicationBuilder(WxLoginApplication.class).run(
                "--server.port=0",
                "--wxlogin.sandbox.enabled=true",
                "--wxlogin.sandbox.port=0",
                "--wxlogin.data-dir=./target/test-data/db-check-" + UUID.randomUUID(),
                "--wxlogin.token.key-encryption-secret=" + ServiceInstances.KEY_ENCRYPTION_SECRET,
                "--spring.datasource.url=" + url + TIMESTAMP_DEFAULTS_OFF,
                "--spring.datasource.username=" + TestDatabase.MARIADB.user(),
                "--spring.datasource.password=" + TestDatabase.MARIADB.password()))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e)).isInstanceOf(StartRefusedException.class));
        assertThat(output).containsPattern("wxlogin refuses to start: MariaDB \\S+ runs with explicit_defaults_for_timestamp OFF")
                .contains("Set explicit_defaults_for_timestamp=ON");
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.MARIADB.user(), TestDatabase.MARIADB.password());
             var tables = connection.getMetaData().getTables(connection.getCatalog(), null, "flyway_schema_history", null)) {
            assertThat(tables.next()).as("no migration ran").isFalse();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String reachable(TestDatabase database) {
        String reason = database.unavailableReason();
        if (reason != null && TestDatabase.required()) {
            throw new AssertionError(reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
        return database.jdbcUrl();
    }
}
