package dev.wxlogin.server.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Token buckets (Bucket4j) per client address and per user, and per client address for the web
 * sign-in's scan page. With Redis the buckets live there and
 * every instance draws from the same ones; without, each instance keeps its own in a bounded cache.
 * A Redis failure lets the login through (logged): a login outage is worse than a looser limit.
 */
@Component
public class LoginRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRateLimiter.class);
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perClientIp;
    private final BucketConfiguration perUser;
    private final BucketConfiguration scanPagePerClientIp;
    private final Map<UserAction, BucketConfiguration> perUserAction = new EnumMap<>(UserAction.class);
    private final String keyPrefix;

    LoginRateLimiter(RateLimitProperties properties, RateLimitBuckets buckets) {
        this.perClientIp = perMinute(properties.perClientIp());
        this.perUser = perMinute(properties.perUser());
        this.scanPagePerClientIp = perMinute(properties.scanPagePerClientIp());
        for (UserAction action : UserAction.values()) {
            BucketConfiguration limit = perMinute(properties.perUser(action));
            if (limit != null) {
                perUserAction.put(action, limit);
            }
        }
        this.buckets = buckets.buckets();
        this.keyPrefix = buckets.keyPrefix();
    }

    /** Before calling WeChat: one attempt from this client address. */
    public void checkClientIp(String clientIp) {
        consume("ip:" + addressKey(clientIp), perClientIp);
    }

    /**
     * The key an address counts under: an IPv4 address as it is, an IPv6 address by its /64 prefix,
     * since one client commonly holds a whole /64 and could otherwise rotate through it.
     */
    public static String addressKey(String clientIp) {
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

    /**
     * Before a scan page makes a ticket, whose code WeChat bills for: one page from this client address.
     *
     * @return empty when the page may be made; else how long until this address may load one
     */
    public Optional<Duration> tryScanPage(String clientIp) {
        return refusal("scan:" + addressKey(clientIp), scanPagePerClientIp);
    }

    /** After the code named the user: one login of this user. */
    public void checkUser(String appid, String openid) {
        consume("user:" + appid + ":" + openid, perUser);
    }

    /**
     * Before a signed-in user's call that reaches WeChat or costs us: one such action of this user.
     *
     * @throws ApiException RATE_LIMITED, with when to retry
     */
    public void checkUserAction(UserAction action, long userId) {
        consume("action:" + action.name().toLowerCase(Locale.ROOT) + ":" + userId, perUserAction.get(action));
    }

    private void consume(String key, BucketConfiguration limit) {
        Optional<Duration> retryAfter = refusal(key, limit);
        if (retryAfter.isPresent()) {
            throw new ApiException(ApiError.RATE_LIMITED, retryAfter.get());
        }
    }

    /** Takes one from the key's bucket: empty when there was one, else how long until there is (whole seconds). */
    private Optional<Duration> refusal(String key, BucketConfiguration limit) {
        if (limit == null) {
            return Optional.empty();
        }
        ConsumptionProbe probe;
        try {
            probe = buckets.builder().build(keyPrefix + key, () -> limit).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            LOG.warn("Rate limit store unavailable ({}); letting the request through", e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static BucketConfiguration perMinute(int count) {
        return count == 0 ? null : BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(count).refillGreedy(count, WINDOW))
                .build();
    }
}
