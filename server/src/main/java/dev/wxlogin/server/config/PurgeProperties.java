package dev.wxlogin.server.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the hourly purges of expired rows delete: in batches of at most {@code batchSize} rows, each
 * its own short transaction, with {@code pause} between them, so that a large backlog never holds
 * locks or the write-ahead log long enough to stall logins.
 *
 * @param batchSize rows deleted per statement ({@code WXLOGIN_PURGE_BATCH_SIZE})
 * @param pause     the wait between two batches ({@code WXLOGIN_PURGE_PAUSE}); zero for none
 */
@ConfigurationProperties("wxlogin.purge")
public record PurgeProperties(@DefaultValue("2000") int batchSize, @DefaultValue("20ms") Duration pause) {

    public PurgeProperties {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("wxlogin.purge.batch-size must be 1..10000");
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("wxlogin.purge.pause must not be negative");
        }
    }
}
