package dev.wxlogin.server.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.wxlogin.server.ResettableTestSetting;

/**
 * The rate limits of a running service, changed by a test for its own run ({@link #set}) and back to
 * the configured ones (in service tests: all off) after it. Each change starts from full buckets under
 * keys of its own, so no test inherits another's counts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AdjustableRateLimits {

    @Bean
    @Primary
    Limiter adjustableRateLimiter(RateLimitProperties configured, RateLimitBuckets buckets) {
        return new Limiter(configured, buckets);
    }

    /** The service's rate limiter, delegating to one made for the limits in force. */
    public static final class Limiter extends LoginRateLimiter implements ResettableTestSetting {

        private final RateLimitProperties configured;
        private final RateLimitBuckets buckets;
        private final AtomicInteger generation = new AtomicInteger();
        private volatile LoginRateLimiter current;

        Limiter(RateLimitProperties configured, RateLimitBuckets buckets) {
            super(configured, buckets);
            this.configured = configured;
            this.buckets = buckets;
            this.current = new LoginRateLimiter(configured, buckets);
        }

        /** These limits until the test ends. */
        public void set(RateLimitProperties limits) {
            current = new LoginRateLimiter(limits, new RateLimitBuckets(buckets.buckets(),
                    buckets.keyPrefix() + "test-" + generation.incrementAndGet() + ":"));
        }

        @Override
        public void reset() {
            current = new LoginRateLimiter(configured, buckets);
        }

        @Override
        public void checkClientIp(String clientIp) {
            current.checkClientIp(clientIp);
        }

        @Override
        public Optional<Duration> tryScanPage(String clientIp) {
            return current.tryScanPage(clientIp);
        }

        @Override
        public void checkUser(String appid, String openid) {
            current.checkUser(appid, openid);
        }

        @Override
        public void checkUserAction(UserAction action, long userId) {
            current.checkUserAction(action, userId);
        }
    }
}
