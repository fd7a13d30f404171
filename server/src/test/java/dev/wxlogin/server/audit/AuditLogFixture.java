package dev.wxlogin.server.audit;

import java.time.Clock;
import java.time.Duration;

import dev.wxlogin.server.StoreDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Builds the {@link AuditLog} of a {@link StoreDatabase} test, as the service builds it (90 days' retention). */
public final class AuditLogFixture {

    private AuditLogFixture() {
    }

    public static AuditLog auditLog(StoreDatabase database, Clock clock) {
        return auditLog(database, clock, new SimpleMeterRegistry());
    }

    /** With the registry its failure counter is in. */
    public static AuditLog auditLog(StoreDatabase database, Clock clock, MeterRegistry meters) {
        return new AuditLog(database.jdbc(), clock, Duration.ofDays(90), meters, database.batchedDelete());
    }
}
