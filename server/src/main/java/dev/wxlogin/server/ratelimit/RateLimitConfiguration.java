package dev.wxlogin.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.wxlogin.server.redis.ConditionalOnNoRedis;
import dev.wxlogin.server.redis.ConditionalOnRedis;
import dev.wxlogin.server.redis.RedisConnections;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

/** The rate-limit buckets: in Redis when it is configured, else in a bounded in-process cache. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final ExpirationAfterWriteStrategy EXPIRY =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(LoginRateLimiter.WINDOW);

    @Bean
    @ConditionalOnRedis
    RateLimitBuckets redisRateLimitBuckets(RedisConnections redis, Clock clock) {
        return new RateLimitBuckets(Bucket4jLettuce.casBasedBuilder(redis.bytes())
                .clientClock(serviceTime(clock)).expirationAfterWrite(EXPIRY).build(), redis.key("rate", ""));
    }

    @Bean
    @ConditionalOnNoRedis
    RateLimitBuckets inMemoryRateLimitBuckets(Clock clock) {
        return inMemoryBuckets(clock);
    }

    /** Buckets in this process, on {@code clock}: the service's without Redis, and a hand-built test's. */
    static RateLimitBuckets inMemoryBuckets(Clock clock) {
        return new RateLimitBuckets(Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(100_000))
                .clientClock(serviceTime(clock)).expirationAfterWrite(EXPIRY).build(), "");
    }

    /** Buckets refill on the service's clock, so that tests move time rather than wait for it. */
    private static TimeMeter serviceTime(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
