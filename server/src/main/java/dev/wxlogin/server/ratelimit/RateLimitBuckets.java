package dev.wxlogin.server.ratelimit;

import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Where the rate-limit buckets live: in Redis (shared by every instance) or in this process.
 *
 * @param buckets   the buckets by key
 * @param keyPrefix put before every bucket key
 */
record RateLimitBuckets(ProxyManager<String> buckets, String keyPrefix) {
}
