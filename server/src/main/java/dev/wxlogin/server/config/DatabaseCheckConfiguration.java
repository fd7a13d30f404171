package dev.wxlogin.server.config;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Before the migrations run, the database server is asked what it is ({@link DatabaseServer}); one
 * the service cannot serve correctly stops the start with one line saying why.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class DatabaseCheckConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCheckConfiguration.class);

    @Bean
    FlywayMigrationStrategy checkedMigration() {
        return flyway -> {
            refuseUnservable(flyway.getConfiguration().getDataSource());
            flyway.migrate();
        };
    }

    /** Deleted rows leave the embedded database's file within a day, and at every stop. */
    @Bean
    EmbeddedDatabaseCompaction embeddedDatabaseCompaction(DataSource dataSource, EmbeddedDatabaseProperties properties) {
        return new EmbeddedDatabaseCompaction(dataSource, properties.compactEvery());
    }

    /** @throws StartRefusedException when the database cannot be served correctly */
    static void refuseUnservable(DataSource dataSource) {
        DatabaseServer server;
        try (Connection connection = dataSource.getConnection()) {
            server = DatabaseServer.inspect(connection);
        } catch (SQLException unreachable) {
            return; // Flyway's migration reports an unreachable database in its own words
        }
        server.problem().ifPresent(problem -> {
            throw new StartRefusedException(problem, server.action());
        });
        LOG.info("Database: {} {}", server.kind(), server.version());
    }
}
