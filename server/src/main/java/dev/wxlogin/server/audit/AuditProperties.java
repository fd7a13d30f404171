package dev.wxlogin.server.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's settings.
 *
 * @param retention how long events are kept ({@code WXLOGIN_AUDIT_RETENTION}); older ones are purged hourly
 */
@ConfigurationProperties("wxlogin.audit")
public record AuditProperties(@DefaultValue("90d") Duration retention) {

    public AuditProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("wxlogin.audit.retention must be positive");
        }
    }
}
