package dev.wxlogin.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UserIdGeneratorTest {

    @Test
    void idsAreUniqueIncreasingAndFitInAJavaScriptNumber() {
        // A frozen clock forces every id into the same millisecond: the worst case.
        UserIdGenerator ids = new UserIdGenerator(Clock.fixed(Instant.parse("2090-01-01T00:00:00Z"), ZoneOffset.UTC));
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous).isLessThan(1L << 53);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }
}
