package dev.wxlogin.server.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database server the service was pointed at, as its own version queries describe it, and
 * whether our migrations and queries can serve it correctly.
 *
 * @param kind                          which database
 * @param version                       the version as the server reports it
 * @param major                         its major version
 * @param minor                         its minor version
 * @param explicitDefaultsForTimestamp  MariaDB/MySQL's {@code explicit_defaults_for_timestamp}: without it
 *                                      nullable {@code TIMESTAMP} columns get automatic defaults; {@code null}
 *                                      when it does not apply or could not be read
 */
public record DatabaseServer(Kind kind, String version, int major, int minor, Boolean explicitDefaultsForTimestamp) {

    /** The oldest PostgreSQL served: 12 and older are out of support. */
    static final int MINIMUM_POSTGRESQL = 13;
    /** The oldest MySQL served. */
    static final int MINIMUM_MYSQL = 8;

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

    /** The databases we know. */
    public enum Kind { H2, POSTGRESQL, MARIADB, MYSQL, OTHER }

    /** Asks the server behind {@code connection}. */
    public static DatabaseServer inspect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return of(Kind.H2, connection.getMetaData().getDatabaseProductVersion(), null);
        }
        if (product.contains("postgres")) {
            return of(Kind.POSTGRESQL, queryText(connection, "SHOW server_version"), null);
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            String version = queryText(connection, "SELECT VERSION()");
            Kind kind = version.toLowerCase(Locale.ROOT).contains("mariadb") ? Kind.MARIADB : Kind.MYSQL;
            Boolean explicitDefaults;
            try {
                String value = queryText(connection, "SELECT @@explicit_defaults_for_timestamp");
                explicitDefaults = "1".equals(value) || "ON".equalsIgnoreCase(value);
            } catch (SQLException noSuchVariable) {
                explicitDefaults = null;
            }
            // A MariaDB reached through MySQL's driver may report "5.5.5-10.11.6-MariaDB".
            return of(kind, version.startsWith("5.5.5-") ? version.substring(6) : version, explicitDefaults);
        }
        return of(Kind.OTHER, product + " " + connection.getMetaData().getDatabaseProductVersion(), null);
    }

    /** A server of this kind and version text. */
    static DatabaseServer of(Kind kind, String version, Boolean explicitDefaultsForTimestamp) {
        Matcher numbers = MAJOR_MINOR.matcher(version);
        int major = 0;
        int minor = 0;
        if (numbers.find()) {
            major = Integer.parseInt(numbers.group(1));
            minor = Integer.parseInt(numbers.group(2));
        } else if (version.matches("\\d+.*")) {
            major = Integer.parseInt(version.replaceAll("\\D.*", ""));
        }
        return new DatabaseServer(kind, version, major, minor, explicitDefaultsForTimestamp);
    }

    /** Why the service cannot serve this database correctly, in one line; empty when it can. */
    public Optional<String> problem() {
        return switch (kind) {
            case H2 -> Optional.empty();
            case POSTGRESQL -> major < MINIMUM_POSTGRESQL
                    ? Optional.of("PostgreSQL " + version + " is older than " + MINIMUM_POSTGRESQL + ", the oldest supported")
                    : Optional.empty();
            case MYSQL -> major < MINIMUM_MYSQL
                    ? Optional.of("MySQL " + version + " is older than " + MINIMUM_MYSQL + ".0, the oldest supported")
                    : timestampDefaultsProblem("MySQL");
            case MARIADB -> timestampDefaultsProblem("MariaDB");
            case OTHER -> Optional.of(version + " is not a database wxlogin supports (H2, PostgreSQL, MariaDB, MySQL)");
        };
    }

    /** What the operator should do about {@link #problem()}. */
    public String action() {
        return switch (kind) {
            case POSTGRESQL -> "Upgrade PostgreSQL to " + MINIMUM_POSTGRESQL + " or newer.";
            case MYSQL, MARIADB -> major < MINIMUM_MYSQL && kind == Kind.MYSQL
                    ? "Upgrade MySQL to " + MINIMUM_MYSQL + ".0 or newer."
                    : "Set explicit_defaults_for_timestamp=ON in the database server's configuration "
                            + "(the default since MariaDB 10.10 and MySQL 8.0) and start again.";
            case H2, OTHER -> "Point WXLOGIN_DATABASE_URL at H2, PostgreSQL " + MINIMUM_POSTGRESQL + "+, MariaDB or MySQL "
                    + MINIMUM_MYSQL + "+.";
        };
    }

    private Optional<String> timestampDefaultsProblem(String name) {
        if (Boolean.TRUE.equals(explicitDefaultsForTimestamp)) {
            return Optional.empty();
        }
        return Optional.of(name + " " + version + " runs with explicit_defaults_for_timestamp "
                + (explicitDefaultsForTimestamp == null ? "unknown (too old a server?)" : "OFF")
                + ": nullable TIMESTAMP columns would get automatic values");
    }

    private static String queryText(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
