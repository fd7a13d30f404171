package dev.wxlogin.server.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis, which several instances share: without {@code url} every instance keeps that state in memory.
 *
 * @param url       e.g. {@code redis://:password@redis.internal:6379/0}; blank or absent: no Redis
 * @param keyPrefix put before every key, so that several deployments can share one Redis
 * @param timeout   per Redis command
 */
@ConfigurationProperties("wxlogin.redis")
public record RedisProperties(String url, @DefaultValue("wxlogin:") String keyPrefix, @DefaultValue("500ms") Duration timeout) {

    @Override
    public String toString() {
        return "RedisProperties[url=" + (url == null || url.isBlank() ? "none" : "***") + ", keyPrefix=" + keyPrefix
                + ", timeout=" + timeout + "]";
    }
}
