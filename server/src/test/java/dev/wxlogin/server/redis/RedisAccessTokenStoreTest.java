package dev.wxlogin.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import dev.wxlogin.server.RedisAvailableCondition;
import dev.wxlogin.server.TestRedis;
import dev.wxlogin.wechat.token.AccessToken;
import dev.wxlogin.wechat.token.SharedAccessTokenStore.RefreshLease;

/** The shared store against a real Redis, as two instances would use it. */
@Tag("redis")
@ExtendWith(RedisAvailableCondition.class)
class RedisAccessTokenStoreTest {

    private final RedisClient client = RedisClient.create(TestRedis.URL);
    private final RedisConnections redis = new RedisConnections(client, client.connect(StringCodec.UTF8),
            client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)),
            TestRedis.keyPrefix("token-store-" + UUID.randomUUID()));
    private final RedisAccessTokenStore instanceA = new RedisAccessTokenStore(redis, Clock.systemUTC());
    private final RedisAccessTokenStore instanceB = new RedisAccessTokenStore(redis, Clock.systemUTC());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterEach
    void close() {
        redis.strings().close();
        redis.bytes().close();
        client.shutdown();
    }

    @Test
    void tokenPutByOneInstanceIsReadByAnother() {
        AccessToken token = new AccessToken("ACCESS_TOKEN_VALUE", now, now.plus(Duration.ofHours(2)));
        instanceA.put("wxapp1", token);

        assertThat(instanceB.get("wxapp1")).contains(token);
        assertThat(instanceB.get("wxapp2")).isEmpty();
        assertThat(redis.strings().sync().pttl(redis.key("wechat-token", "wxapp1"))).isPositive();
    }

    @Test
    void expiredTokenIsNotReturned() {
        instanceA.put("wxapp1", new AccessToken("OLD", now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1))));
        assertThat(instanceB.get("wxapp1")).isEmpty();
    }

    @Test
    void leaseIsExclusiveUntilReleased() {
        Optional<RefreshLease> first = instanceA.tryLease("wxapp1", Duration.ofSeconds(20));
        Optional<RefreshLease> second = instanceB.tryLease("wxapp1", Duration.ofSeconds(20));
        Optional<RefreshLease> otherApp = instanceB.tryLease("wxapp2", Duration.ofSeconds(20));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(otherApp).isPresent();
        first.get().close();
        assertThat(instanceB.tryLease("wxapp1", Duration.ofSeconds(20))).isPresent();
    }

    @Test
    void releasingALapsedLeaseLeavesTheNewHoldersAlone() throws InterruptedException {
        RefreshLease stale = instanceA.tryLease("wxapp1", Duration.ofMillis(50)).orElseThrow();
        Thread.sleep(150); // let it lapse
        RefreshLease current = instanceB.tryLease("wxapp1", Duration.ofSeconds(20)).orElseThrow();

        stale.close();

        assertThat(instanceA.tryLease("wxapp1", Duration.ofSeconds(20))).as("B still holds it").isEmpty();
        current.close();
    }
}
