package dev.wxlogin.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.ServiceTest;

/**
 * A search of the audit log counts its matches up to {@link AuditLog#COUNT_LIMIT} and says when more
 * match, so that a page of a log of millions of rows never counts them all; the pages are unchanged.
 */
@DatabaseMatrix
@ServiceTest
class AuditSearchCountTest {

    @Autowired
    AuditLog auditLog;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void matchesAreCountedUpToTheLimitAndMoreAreFlagged() {
        String many = "wxauditmany" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String few = "wxauditfew" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        insertEvents(many, AuditLog.COUNT_LIMIT + 1);
        insertEvents(few, 3);

        AuditPage capped = auditLog.find(ofApp(many), 0, 50);
        AuditPage exact = auditLog.find(ofApp(few), 0, 2);
        AuditPage lastOfFew = auditLog.find(ofApp(few), 1, 2);

        assertThat(capped.total()).isEqualTo(AuditLog.COUNT_LIMIT);
        assertThat(capped.totalCapped()).isTrue();
        assertThat(capped.hasNext()).isTrue();
        assertThat(capped.events()).hasSize(50).allSatisfy(event -> assertThat(event.appid()).isEqualTo(many));
        assertThat(exact.total()).isEqualTo(3);
        assertThat(exact.totalCapped()).isFalse();
        assertThat(exact.hasNext()).isTrue();
        assertThat(lastOfFew.events()).hasSize(1);
        assertThat(lastOfFew.hasNext()).isFalse();
    }

    private static AuditQuery ofApp(String appid) {
        return new AuditQuery(appid, null, null, false, null, null, null, null);
    }

    private void insertEvents(String appid, int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Timestamp at = Timestamp.from(now);
        Timestamp hour = Timestamp.from(now.truncatedTo(ChronoUnit.HOURS));
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {UUID.randomUUID().toString(), at, hour, AuditEventType.LOGIN.name(), AuditEvent.OK, appid});
        }
        jdbc.batchUpdate("INSERT INTO audit_event (id, occurred_at, hour_start, event_type, outcome, appid) VALUES (?, ?, ?, ?, ?, ?)", rows);
    }
}
