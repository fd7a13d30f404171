package dev.wxlogin.server.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import dev.wxlogin.wechat.token.AccessToken;
import dev.wxlogin.wechat.token.SharedAccessTokenStore;

/**
 * Each app's WeChat access_token in Redis, shared by every instance: the token as a hash that
 * expires with it, and the right to refresh it as a lease ({@code SET NX PX}) released by
 * compare-and-delete, so that a lapsed lease taken over by another instance is never deleted.
 */
public final class RedisAccessTokenStore implements SharedAccessTokenStore {

    private static final String RELEASE_IF_OURS =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisConnections redis;
    private final Clock clock;

    public RedisAccessTokenStore(RedisConnections redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public Optional<AccessToken> get(String appid) {
        Map<String, String> fields = commands().hgetall(tokenKey(appid));
        if (fields == null || !fields.containsKey("value")) {
            return Optional.empty();
        }
        AccessToken token = new AccessToken(fields.get("value"),
                Instant.ofEpochMilli(Long.parseLong(fields.get("obtainedAt"))),
                Instant.ofEpochMilli(Long.parseLong(fields.get("expiresAt"))));
        return token.isExpiredAt(clock.instant()) ? Optional.empty() : Optional.of(token);
    }

    @Override
    public void put(String appid, AccessToken token) {
        String key = tokenKey(appid);
        RedisCommands<String, String> commands = commands();
        commands.hset(key, Map.of(
                "value", token.value(),
                "obtainedAt", String.valueOf(token.obtainedAt().toEpochMilli()),
                "expiresAt", String.valueOf(token.expiresAt().toEpochMilli())));
        commands.pexpireat(key, token.expiresAt().toEpochMilli());
    }

    @Override
    public Optional<RefreshLease> tryLease(String appid, Duration leaseTime) {
        String key = redis.key("wechat-token-lease", appid);
        String holder = UUID.randomUUID().toString();
        String ok = commands().set(key, holder, SetArgs.Builder.nx().px(leaseTime.toMillis()));
        if (!"OK".equals(ok)) {
            return Optional.empty();
        }
        return Optional.of(() -> commands().eval(RELEASE_IF_OURS, ScriptOutputType.INTEGER, new String[] {key}, holder));
    }

    private String tokenKey(String appid) {
        return redis.key("wechat-token", appid);
    }

    private RedisCommands<String, String> commands() {
        return redis.strings().sync();
    }
}
