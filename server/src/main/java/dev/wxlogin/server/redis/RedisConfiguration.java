package dev.wxlogin.server.redis;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Redis, when {@code wxlogin.redis.url} is set: what several instances must share (rate-limit
 * counters, the WeChat access_token). Without it every instance keeps these in memory: each feature
 * has its Redis and its in-memory beans side by side, under {@link ConditionalOnRedis} and
 * {@link ConditionalOnNoRedis}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRedis
class RedisConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConfiguration.class);

    @Bean(destroyMethod = "")
    RedisConnections redisConnections(RedisProperties properties) {
        RedisURI uri = RedisURI.create(properties.url().trim());
        uri.setTimeout(properties.timeout());
        String keyPrefix = properties.keyPrefix();
        RedisClient client = RedisClient.create(uri);
        var strings = client.connect(StringCodec.UTF8);
        var bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        LOG.info("Redis at {}:{} shares rate limits and the WeChat access_token between instances (key prefix '{}')",
                uri.getHost(), uri.getPort(), keyPrefix);
        return new RedisConnections(client, strings, bytes, keyPrefix);
    }

    /** Closes the connections, then the client, once the beans that use them are gone. */
    @Bean
    AutoCloseable redisShutdown(RedisConnections redis) {
        return () -> {
            redis.strings().close();
            redis.bytes().close();
            redis.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
        };
    }

    @Bean
    AbstractHealthIndicator redisHealthIndicator(RedisConnections redis) {
        return new AbstractHealthIndicator("Redis health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                String pong = redis.strings().sync().ping();
                builder.up().withDetail("ping", pong);
            }
        };
    }
}
