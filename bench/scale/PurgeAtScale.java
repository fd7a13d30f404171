import java.time.Duration;
import java.time.Instant;

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.config.BatchedDelete;

/**
 * Runs the service's three hourly purges (its own BatchedDelete, the same SQL) once against a database
 * filled by generate.sh and prints how long each took, how many rows and batches. Run by
 * purge-under-load.sh with the service jar's classes and libraries on the class path.
 *
 * <p>Arguments: JDBC URL, batch size, pause in ms, audit retention in days (decimals allowed; 0: no audit purge), and
 * optionally "audit" to run the audit purge alone.
 */
public class PurgeAtScale {

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        BatchedDelete delete = new BatchedDelete(jdbc, Integer.parseInt(args[1]), Duration.ofMillis(Long.parseLong(args[2])));
        Instant now = Instant.now();
        double auditDays = Double.parseDouble(args[3]);
        if (args.length < 5 || !args[4].equals("audit")) {
            for (String table : new String[] {"refresh_token", "login_session"}) {
                Instant cutoff = cutoff(jdbc, table, now.minus(Duration.ofDays(1)));
                run(table, () -> delete.deleteBefore(table, "expires_at", cutoff));
            }
        }
        if (auditDays > 0) {
            Instant cutoff = now.minus(Duration.ofSeconds((long) (auditDays * 86_400)));
            run("audit_event", () -> delete.deleteBefore("audit_event", "occurred_at", cutoff));
        }
    }

    /**
     * The service's cutoff (expired over a day ago), or with SPAN_HOURS set, the oldest expiry plus that
     * many hours: one hourly purge's share of the steady state instead of a whole backlog.
     */
    private static Instant cutoff(JdbcClient jdbc, String table, Instant service) {
        String span = System.getenv("SPAN_HOURS");
        if (span == null || span.isBlank()) {
            return service;
        }
        Instant oldest = jdbc.sql("SELECT MIN(expires_at) FROM " + table).query(java.sql.Timestamp.class).single().toInstant();
        Instant cutoff = oldest.plus(Duration.ofMinutes((long) (Double.parseDouble(span) * 60)));
        return cutoff.isBefore(service) ? cutoff : service;
    }

    private static void run(String table, java.util.function.Supplier<BatchedDelete.Result> purge) {
        long start = System.nanoTime();
        BatchedDelete.Result result = purge.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("PURGE %s deleted=%d batches=%d seconds=%.1f rows_per_s=%.0f%n", table, result.deleted(), result.batches(),
                seconds, result.deleted() / Math.max(seconds, 1e-9));
    }
}
