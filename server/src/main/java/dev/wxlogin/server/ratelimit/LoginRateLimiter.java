package dev.wxlogin.server.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.redis.RedisConnections;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

/**
 * Token buckets (Bucket4j) per client address and per user. With Redis the buckets live there and
 * every instance draws from the same ones; without, each instance keeps its own in a bounded cache.
 * A Redis failure lets the login through (logged): a login outage is worse than a looser limit.
 */
@Component
public class LoginRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRateLimiter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perClientIp;
    private final BucketConfiguration perUser;
    private final String keyPrefix;

    LoginRateLimiter(RateLimitProperties properties, ObjectProvider<RedisConnections> redis, Clock clock) {
        this.perClientIp = perMinute(properties.perClientIp());
        this.perUser = perMinute(properties.perUser());
        RedisConnections connections = redis.getIfAvailable();
        ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(WINDOW);
        TimeMeter time = serviceTime(clock);
        if (connections != null) {
            this.buckets = Bucket4jLettuce.casBasedBuilder(connections.bytes()).clientClock(time).expirationAfterWrite(expiry).build();
            this.keyPrefix = connections.key("rate", "");
        } else {
            this.buckets = Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(100_000))
                    .clientClock(time).expirationAfterWrite(expiry).build();
            this.keyPrefix = "";
        }
    }

    /** Before calling WeChat: one attempt from this client address. */
    public void checkClientIp(String clientIp) {
        consume("ip:" + addressKey(clientIp), perClientIp);
    }

    /**
     * The key an address counts under: an IPv4 address as it is, an IPv6 address by its /64 prefix,
     * since one client commonly holds a whole /64 and could otherwise rotate through it.
     */
    static String addressKey(String clientIp) {
        if (clientIp == null || clientIp.indexOf(':') < 0) {
            return String.valueOf(clientIp);
        }
        try {
            // A literal address: parsed, never looked up.
            byte[] bytes = InetAddress.getByName(clientIp).getAddress();
            if (bytes.length != 16) {
                return clientIp;
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return clientIp;
        }
    }

    /** After the code named the user: one login of this user. */
    public void checkUser(String appid, String openid) {
        consume("user:" + appid + ":" + openid, perUser);
    }

    private void consume(String key, BucketConfiguration limit) {
        if (limit == null) {
            return;
        }
        ConsumptionProbe probe;
        try {
            probe = buckets.builder().build(keyPrefix + key, () -> limit).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            LOG.warn("Rate limit store unavailable ({}); letting the login through", e.getClass().getSimpleName());
            return;
        }
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new ApiException(ApiError.RATE_LIMITED, Duration.ofSeconds(seconds));
        }
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

    private static BucketConfiguration perMinute(int count) {
        return count == 0 ? null : BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(count).refillGreedy(count, WINDOW))
                .build();
    }
}
