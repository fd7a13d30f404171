package dev.wxlogin.server.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Time-ordered user ids that fit in 53 bits, so a JavaScript client reads them exactly: 41 bits of
 * milliseconds since 2025 (good until 2094) and 12 low bits that start at a random value each
 * millisecond, so that instances sharing a database rarely collide (the store retries when they do).
 */
@Component
class UserIdGenerator {

    private static final long EPOCH_MILLIS = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final int LOW_BITS = 12;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long last;

    UserIdGenerator(Clock clock) {
        this.clock = clock;
    }

    synchronized long next() {
        long candidate = ((clock.millis() - EPOCH_MILLIS) << LOW_BITS) | random.nextInt(1 << LOW_BITS);
        last = Math.max(candidate, last + 1);
        return last;
    }
}
