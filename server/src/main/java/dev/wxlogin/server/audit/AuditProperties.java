package dev.wxlogin.server.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's settings.
 *
 * @param retention    how long events are kept ({@code WXLOGIN_AUDIT_RETENTION}); older ones are purged hourly
 * @param hourlyCounts whether this instance counts every completed hour into {@code audit_hourly_count}
 *                     for the dashboard ({@code WXLOGIN_AUDIT_HOURLY_COUNTS}); off, the dashboard counts
 *                     the events of the hours nobody counted
 */
@ConfigurationProperties("wxlogin.audit")
public record AuditProperties(@DefaultValue("90d") Duration retention, @DefaultValue("true") boolean hourlyCounts) {

    public AuditProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("wxlogin.audit.retention must be positive");
        }
    }
}
