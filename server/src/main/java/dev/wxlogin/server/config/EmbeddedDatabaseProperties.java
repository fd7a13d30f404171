package dev.wxlogin.server.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded H2 database ({@code wxlogin.embedded-database.*}); nothing here applies to PostgreSQL or MariaDB.
 *
 * @param compactEvery how often the database file is compacted (rewritten with only its live rows, so
 *                     that deleted rows, a deleted account's among them, leave the file); {@code 0}:
 *                     only when the service stops
 */
@ConfigurationProperties("wxlogin.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("1d") Duration compactEvery) {
}
