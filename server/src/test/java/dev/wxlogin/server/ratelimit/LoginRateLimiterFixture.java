package dev.wxlogin.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;

/** The rate limiter of a test that builds the service's classes by hand: in-process buckets, on {@code clock}. */
public final class LoginRateLimiterFixture {

    private LoginRateLimiterFixture() {
    }

    /** With the service's default limits (600 attempts a minute per client address, 30 logins per user). */
    public static LoginRateLimiter inMemory(Clock clock) {
        RateLimitProperties defaults = new RateLimitProperties(600, 30, 5, 10, 30, 10, 20, 5);
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        return new LoginRateLimiter(defaults, new RateLimitBuckets(Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder()
                .maximumSize(10_000)).clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(LoginRateLimiter.WINDOW))
                .build(), ""));
    }
}
