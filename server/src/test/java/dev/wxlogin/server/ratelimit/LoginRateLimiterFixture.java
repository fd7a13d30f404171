package dev.wxlogin.server.ratelimit;

import java.time.Clock;

/** The rate limiter of a test that builds the service's classes by hand: in-process buckets, on {@code clock}. */
public final class LoginRateLimiterFixture {

    private LoginRateLimiterFixture() {
    }

    /** With the service's default limits (600 attempts a minute per client address, 30 logins per user). */
    public static LoginRateLimiter inMemory(Clock clock) {
        RateLimitProperties defaults = new RateLimitProperties(600, 30, 5, 10, 30, 10, 20, 5);
        return new LoginRateLimiter(defaults, RateLimitConfiguration.inMemoryBuckets(clock));
    }
}
