package dev.wxlogin.server.config;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes the rows of a table whose time column is before a cutoff, in batches: each batch reads
 * the ids of at most {@code batchSize} such rows (oldest first, through the time column's index)
 * and deletes them by id in one autocommitted statement, then waits the configured pause. A batch
 * locks only its own rows and only for its own statement, so logins writing other rows of the same
 * table never wait behind a purge, however large its backlog. The same SQL runs on H2, PostgreSQL
 * and MariaDB/MySQL ({@code DELETE ... LIMIT} is not portable, and MariaDB refuses a {@code LIMIT}
 * in an {@code IN} subquery).
 *
 * <p>The delete repeats the cutoff condition: a row whose time moved past the cutoff between the
 * read and the delete (a session renewed meanwhile) stays.
 */
@Component
public class BatchedDelete {

    private static final Pattern NAME = Pattern.compile("[a-z_]{1,64}");

    private final JdbcClient jdbc;
    private final int batchSize;
    private final Duration pause;

    @Autowired
    BatchedDelete(JdbcClient jdbc, PurgeProperties properties) {
        this(jdbc, properties.batchSize(), properties.pause());
    }

    /** For tests and tools: batches of {@code batchSize} rows, {@code pause} between them. */
    public BatchedDelete(JdbcClient jdbc, int batchSize, Duration pause) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
        this.pause = pause;
    }

    /**
     * Deletes every row of {@code table} whose {@code timeColumn} is before {@code cutoff}, batch by
     * batch, and returns how many. {@code table} and {@code timeColumn} are names from our own code
     * (lower case and underscores), never input; the table's key is its {@code id} column.
     * Interrupted between two batches, it stops there and returns what it deleted.
     */
    public Result deleteBefore(String table, String timeColumn, Instant cutoff) {
        if (!NAME.matcher(table).matches() || !NAME.matcher(timeColumn).matches()) {
            throw new IllegalArgumentException("not a table or column name of ours");
        }
        Timestamp before = Timestamp.from(cutoff);
        String select = "SELECT id FROM " + table + " WHERE " + timeColumn + " < ? ORDER BY " + timeColumn + " LIMIT ?";
        long deleted = 0;
        int batches = 0;
        while (true) {
            List<String> ids = jdbc.sql(select).param(before).param(batchSize).query(String.class).list();
            if (ids.isEmpty()) {
                break;
            }
            String delete = "DELETE FROM " + table + " WHERE " + timeColumn + " < ? AND id IN ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
            JdbcClient.StatementSpec statement = jdbc.sql(delete).param(before);
            for (String id : ids) {
                statement = statement.param(id);
            }
            deleted += statement.update();
            batches++;
            if (ids.size() < batchSize || !pause()) {
                break;
            }
        }
        return new Result(deleted, batches);
    }

    private boolean pause() {
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What one purge did.
     *
     * @param deleted rows deleted
     * @param batches delete statements run
     */
    public record Result(long deleted, int batches) {
    }
}
