package dev.wxlogin.server.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The service's Redis connections, present only when {@code wxlogin.redis.url} is set. Lettuce
 * connections are thread-safe and multiplexed: one of each kind serves the whole process.
 *
 * @param client    the client, for anything that needs its own connection
 * @param strings   text keys and values
 * @param bytes     text keys, binary values (rate-limit buckets)
 * @param keyPrefix put before every key, so that several deployments can share one Redis
 */
public record RedisConnections(RedisClient client, StatefulRedisConnection<String, String> strings,
                               StatefulRedisConnection<String, byte[]> bytes, String keyPrefix) {

    /** A key of ours: the prefix, then the parts joined by colons. */
    public String key(String... parts) {
        return keyPrefix + String.join(":", parts);
    }
}
