package dev.wxlogin.wechat.token;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link AccessTokenCache} keeps tokens fresh.
 *
 * @param refreshAhead how long before expiry a token is replaced (capped at a tenth of its lifetime,
 *                     see {@link AccessToken#refreshAt})
 * @param leaseTime    how long one instance may hold the cluster-wide right to refresh an app's
 *                     token; longer than a token fetch with its retries can take
 * @param maxWait      how long a caller with no usable token waits for another instance's refresh
 *                     before giving up with {@code WX_TIMEOUT}
 * @param pollInterval how often such a caller looks for the other instance's token
 */
public record AccessTokenCacheSettings(Duration refreshAhead, Duration leaseTime, Duration maxWait, Duration pollInterval) {

    public AccessTokenCacheSettings {
        Objects.requireNonNull(refreshAhead, "refreshAhead");
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (refreshAhead.isNegative() || maxWait.isNegative() || !positive(leaseTime) || !positive(pollInterval)) {
            throw new IllegalArgumentException("refreshAhead and maxWait must not be negative, leaseTime and pollInterval must be positive");
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** Refresh 5 minutes ahead (WeChat's stable_token renews in the last 5), 20 s leases, wait at most 10 s, look every 50 ms. */
    public static AccessTokenCacheSettings defaults() {
        return new AccessTokenCacheSettings(Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMillis(50));
    }
}
