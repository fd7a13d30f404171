package dev.wxlogin.server;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.config.BatchedDelete;

import com.zaxxer.hikari.HikariConfig;
import dev.wxlogin.server.config.BatchedDelete;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The database of the {@link StoreTest} classes in this JVM: the selected {@link TestDatabase}'s
 * second fresh database (in-memory for H2), migrated as the service migrates (the portable scripts,
 * then the vendor's), behind a small connection pool, so that concurrent tests really race.
 */
public final class StoreDatabase {

    private static StoreDatabase shared;

    private final TestDatabase database;
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final DataSourceTransactionManager transactionManager;

    private StoreDatabase(TestDatabase database) {
        this.database = database;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.storeTestJdbcUrl());
        pool.setUsername(database == TestDatabase.H2 ? "sa" : database.user());
        pool.setPassword(database == TestDatabase.H2 ? "" : database.password());
        pool.setMaximumPoolSize(8);
        pool.setPoolName("store-tests");
        this.dataSource = new HikariDataSource(pool);
        String vendor = database.name().toLowerCase(Locale.ROOT);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                // As application.yml: V41's CREATE INDEX CONCURRENTLY would wait forever on a transactional lock.
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load()
                .migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.transactionManager = new DataSourceTransactionManager(dataSource);
    }

    /** This JVM's store database, made and migrated on first use. */
    static synchronized StoreDatabase shared() {
        if (shared == null) {
            shared = new StoreDatabase(TestDatabase.selected());
        }
        return shared;
    }

    /** Which database this is. */
    public TestDatabase database() {
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Over {@link #dataSource()}, for the Spring classes that still take one. */
    public JdbcTemplate jdbcTemplate() {
        return new JdbcTemplate(dataSource);
    }

    /** The transactions the stores' {@code TransactionTemplate}s and savepoints run in, as the service's. */
    public DataSourceTransactionManager transactionManager() {
        return transactionManager;
    }

    /** Purges in batches of 1000 without pausing, as the service's do by default but for the pause. */
    public BatchedDelete batchedDelete() {
        return new BatchedDelete(jdbc, 1000, Duration.ZERO);
    }

    /** A template over {@link #transactionManager()} with the defaults the service's has. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    /** Skips (or, when services are required, fails) where the server is not reachable; resolves the parameters. */
    static final class Extension implements ExecutionCondition, ParameterResolver {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            TestDatabase database = TestDatabase.selected();
            String reason = database.unavailableReason();
            if (reason == null) {
                return ConditionEvaluationResult.enabled("store database: " + database);
            }
            if (TestDatabase.required()) {
                throw new IllegalStateException("WXLOGIN_TEST_REQUIRE_SERVICES=true but " + reason);
            }
            return ConditionEvaluationResult.disabled("skipped, " + reason);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == StoreDatabase.class || type == JdbcClient.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            StoreDatabase database = shared();
            return parameter.getParameter().getType() == JdbcClient.class ? database.jdbc() : database;
        }
    }
}
