package dev.wxlogin.wechat.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SharedAccessTokenStore} inside one process: enough for a single instance, and for
 * tests where several caches stand in for several instances. Thread-safe.
 */
public final class InMemoryAccessTokenStore implements SharedAccessTokenStore {

    private record Lease(Object holder, Instant until) {
    }

    private final Clock clock;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    /** @param clock judges token expiry and lease lapse */
    public InMemoryAccessTokenStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryAccessTokenStore() {
        this(Clock.systemUTC());
    }

    @Override
    public Optional<AccessToken> get(String appid) {
        AccessToken token = tokens.get(appid);
        return token == null || token.isExpiredAt(clock.instant()) ? Optional.empty() : Optional.of(token);
    }

    @Override
    public void put(String appid, AccessToken token) {
        tokens.put(Objects.requireNonNull(appid, "appid"), Objects.requireNonNull(token, "token"));
    }

    @Override
    public Optional<RefreshLease> tryLease(String appid, Duration leaseTime) {
        Lease mine = new Lease(new Object(), clock.instant().plus(leaseTime));
        Lease winner = leases.compute(appid,
                (id, held) -> held == null || !clock.instant().isBefore(held.until()) ? mine : held);
        if (winner != mine) {
            return Optional.empty();
        }
        return Optional.of(() -> leases.remove(appid, mine));
    }
}
