package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.wxlogin.server.config.DatabaseServer.Kind;

/** Which database servers the service refuses, decided on the versions and settings they report. */
class DatabaseServerTest {

    @Test
    void postgresqlOlderThan13IsRefused() {
        assertThat(DatabaseServer.of(Kind.POSTGRESQL, "12.17", null).problem()).hasValueSatisfying(
                problem -> assertThat(problem).contains("PostgreSQL 12.17").contains("older than 13"));
        assertThat(DatabaseServer.of(Kind.POSTGRESQL, "9.6.24", null).problem()).isPresent();
    }

    @Test
    void postgresql13AndNewerAreServed() {
        assertThat(DatabaseServer.of(Kind.POSTGRESQL, "13.0", null).problem()).isEmpty();
        assertThat(DatabaseServer.of(Kind.POSTGRESQL, "15.20 (Debian 15.20-0+deb12u1)", null).problem()).isEmpty();
        assertThat(DatabaseServer.of(Kind.POSTGRESQL, "17beta1", null).problem()).isEmpty();
    }

    @Test
    void mariadbWithoutExplicitTimestampDefaultsIsRefusedWhateverItsVersion() {
        assertThat(DatabaseServer.of(Kind.MARIADB, "10.6.18-MariaDB", false).problem()).hasValueSatisfying(
                problem -> assertThat(problem).contains("explicit_defaults_for_timestamp OFF"));
        assertThat(DatabaseServer.of(Kind.MARIADB, "10.11.19-MariaDB-0+deb12u1", false).problem()).isPresent();
        assertThat(DatabaseServer.of(Kind.MARIADB, "10.0.38-MariaDB", null).problem()).hasValueSatisfying(
                problem -> assertThat(problem).contains("unknown"));
    }

    @Test
    void mariadbWithExplicitTimestampDefaultsIsServed() {
        assertThat(DatabaseServer.of(Kind.MARIADB, "10.6.18-MariaDB", true).problem()).isEmpty();
        assertThat(DatabaseServer.of(Kind.MARIADB, "11.4.2-MariaDB", true).problem()).isEmpty();
    }

    @Test
    void mysqlOlderThan8IsRefusedEvenWithExplicitTimestampDefaults() {
        assertThat(DatabaseServer.of(Kind.MYSQL, "5.7.44", true).problem()).hasValueSatisfying(
                problem -> assertThat(problem).contains("MySQL 5.7.44").contains("older than 8.0"));
        assertThat(DatabaseServer.of(Kind.MYSQL, "8.0.36", true).problem()).isEmpty();
        assertThat(DatabaseServer.of(Kind.MYSQL, "8.4.0", false).problem()).isPresent();
    }

    @Test
    void h2IsServedAndAnUnknownDatabaseIsNot() {
        assertThat(DatabaseServer.of(Kind.H2, "2.3.232 (2024-08-11)", null).problem()).isEmpty();
        assertThat(DatabaseServer.of(Kind.OTHER, "oracle 19.0", null).problem()).isPresent();
    }
}
