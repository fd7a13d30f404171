package dev.wxlogin.server.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Makes deletions in the embedded H2 database final. H2 marks a deleted row's space free but leaves
 * its bytes in the file until the space is reused, so a deleted account's openid and nickname could
 * outlive it there for as long as the file does. {@code SHUTDOWN COMPACT} rewrites the file with
 * only the live rows: it runs every {@code compactEvery} and when the service stops. It closes the
 * database for the moment it takes (the pool's connections are replaced; a request in that moment
 * may get {@code 503 DATABASE_UNAVAILABLE}), so the schedule is daily. Does nothing on any other
 * database, nor on an in-memory H2.
 */
public class EmbeddedDatabaseCompaction implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseCompaction.class);

    private final DataSource dataSource;
    private final Duration every;
    private ScheduledExecutorService schedule;
    private boolean embeddedFile;

    EmbeddedDatabaseCompaction(DataSource dataSource, Duration every) {
        this.dataSource = dataSource;
        this.every = every;
    }

    @Override
    public void afterPropertiesSet() {
        // From the configured URL: the database need not be reachable yet.
        embeddedFile = dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:h2:file:");
        if (embeddedFile && !every.isZero() && !every.isNegative()) {
            schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "embedded-database-compaction");
                thread.setDaemon(true);
                return thread;
            });
            schedule.scheduleWithFixedDelay(this::compactLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Rewrites the database file with only its live rows, then replaces the pool's connections (the
     * next one opens the database again).
     *
     * @return false when there is nothing to compact (not an embedded H2 file database)
     */
    public synchronized boolean compact() throws SQLException {
        if (!embeddedFile) {
            return false;
        }
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } finally {
            // Closed by the shutdown: out of the pool with it, and the others after it.
            HikariDataSource pool = (HikariDataSource) dataSource;
            pool.evictConnection(connection);
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
        return true;
    }

    private void compactLogged() {
        try {
            compact();
            LOG.info("Embedded database compacted: deleted rows are gone from its file");
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Embedded database compaction failed ({}); deleted rows stay in the file until the next one", e.toString());
        }
    }

    /** At the stop, before the pool closes: the file is left holding live rows only. */
    @Override
    public void destroy() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        if (embeddedFile) {
            compactLogged();
        }
    }
}
