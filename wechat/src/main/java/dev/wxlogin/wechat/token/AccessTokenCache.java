package dev.wxlogin.wechat.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.WeChatException;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;
import dev.wxlogin.wechat.token.SharedAccessTokenStore.RefreshLease;

/**
 * Each app's access_token, fetched once and reused until shortly before it expires.
 *
 * <p>Single flight at two levels. Inside the process, callers that need a new token for an app
 * wait on one fetch (a lock per appid, never one across apps). Across instances, the one that
 * obtains the {@link SharedAccessTokenStore}'s lease fetches and stores the token; the others read
 * it. A token that is due for refresh but not yet expired is still handed out while someone else
 * refreshes it, so refreshing ahead of expiry makes nobody wait but the refresher.
 *
 * <p>Thread-safe; share one per process. Token values are never logged.
 */
public final class AccessTokenCache {

    private static final System.Logger LOG = System.getLogger(AccessTokenCache.class.getName());

    /** One app's token and the fetch in flight for it, guarded by the instance's own monitor. */
    private static final class AppTokens {
        private AccessToken held;
        private CompletableFuture<AccessToken> inFlight;
    }

    private final AccessTokenFetcher fetcher;
    private final SharedAccessTokenStore store;
    private final AccessTokenCacheSettings settings;
    private final Clock clock;
    private final ConcurrentMap<String, AppTokens> apps = new ConcurrentHashMap<>();

    public AccessTokenCache(AccessTokenFetcher fetcher, SharedAccessTokenStore store, AccessTokenCacheSettings settings, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A cache for a single instance: an in-memory store, default settings, the system clock. */
    public AccessTokenCache(AccessTokenFetcher fetcher) {
        this(fetcher, new InMemoryAccessTokenStore(), AccessTokenCacheSettings.defaults(), Clock.systemUTC());
    }

    /**
     * A token for the app that WeChat accepts now, fetched only when none is usable.
     *
     * @throws WeChatApiException         WeChat refused to issue a token (wrong secret, IP not whitelisted...)
     * @throws WeChatUnavailableException WeChat could not be reached, or another instance's refresh
     *                                    did not finish within {@link AccessTokenCacheSettings#maxWait()}
     */
    public AccessToken get(WeChatApp app) {
        return current(app, null);
    }

    /**
     * A replacement for a token WeChat rejected (40001, 42001, 40014). Fetches only if the cached
     * token is still the rejected one, so any number of callers that saw the same rejection cause
     * one fetch, and a caller that comes late gets the replacement someone else already fetched.
     *
     * @throws WeChatApiException         as {@link #get}
     * @throws WeChatUnavailableException as {@link #get}
     */
    public AccessToken forceRefresh(WeChatApp app, AccessToken rejected) {
        return current(app, Objects.requireNonNull(rejected, "rejected"));
    }

    private AccessToken current(WeChatApp app, AccessToken rejected) {
        Objects.requireNonNull(app, "app");
        AppTokens tokens = apps.computeIfAbsent(app.appid(), id -> new AppTokens());
        // Twice at most: a fetch that was already in flight when the token got rejected may bring
        // back the rejected token; then one fetch of our own follows.
        for (int round = 0; ; round++) {
            CompletableFuture<AccessToken> flight;
            boolean leader = false;
            AccessToken held;
            synchronized (tokens) {
                held = tokens.held;
                Instant now = clock.instant();
                boolean acceptable = held != null && !held.sameValueAs(rejected);
                if (acceptable && now.isBefore(held.refreshAt(settings.refreshAhead()))) {
                    return held;
                }
                if (acceptable && tokens.inFlight != null && !held.isExpiredAt(now)) {
                    return held; // someone is refreshing it ahead of expiry; no need to wait
                }
                if (tokens.inFlight == null) {
                    tokens.inFlight = new CompletableFuture<>();
                    leader = true;
                }
                flight = tokens.inFlight;
            }
            if (leader) {
                refresh(app, tokens, flight, rejected);
            }
            AccessToken fresh;
            try {
                fresh = await(flight);
            } catch (RuntimeException e) {
                if (rejected == null && held != null && !held.isExpiredAt(clock.instant())) {
                    LOG.log(System.Logger.Level.WARNING, "could not refresh the access_token of appid {0} ({1}); using the current one until it expires",
                            app.appid(), e instanceof WeChatException w ? w.code() : e.getClass().getSimpleName());
                    return held;
                }
                throw e;
            }
            if (!fresh.sameValueAs(rejected) || leader || round > 0) {
                return fresh;
            }
        }
    }

    private void refresh(WeChatApp app, AppTokens tokens, CompletableFuture<AccessToken> flight, AccessToken rejected) {
        AccessToken fresh = null;
        RuntimeException failure = null;
        try {
            fresh = obtainShared(app, rejected);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            // Whatever happened, the flight must end, or every later caller would wait on it.
            synchronized (tokens) {
                if (fresh != null) {
                    tokens.held = fresh;
                }
                tokens.inFlight = null;
            }
            if (fresh != null) {
                flight.complete(fresh);
            } else {
                flight.completeExceptionally(failure != null ? failure : new IllegalStateException("the access_token fetch was aborted"));
            }
        }
    }

    /** The token from the shared store, or fetched by whichever instance holds the lease. */
    private AccessToken obtainShared(WeChatApp app, AccessToken rejected) {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        while (true) {
            Optional<AccessToken> shared = store.get(app.appid()).filter(t -> !t.sameValueAs(rejected));
            if (shared.isPresent() && clock.instant().isBefore(shared.get().refreshAt(settings.refreshAhead()))) {
                return shared.get();
            }
            Optional<RefreshLease> lease = store.tryLease(app.appid(), settings.leaseTime());
            if (lease.isPresent()) {
                try (RefreshLease mine = lease.get()) {
                    // The previous holder may have stored a token between our look and our lease.
                    Optional<AccessToken> stored = store.get(app.appid()).filter(t -> !t.sameValueAs(rejected));
                    if (stored.isPresent() && clock.instant().isBefore(stored.get().refreshAt(settings.refreshAhead()))) {
                        return stored.get();
                    }
                    AccessToken fresh = fetcher.fetch(app);
                    store.put(app.appid(), fresh);
                    LOG.log(System.Logger.Level.DEBUG, "fetched a new access_token for appid {0}, valid until {1}", app.appid(), fresh.expiresAt());
                    return fresh;
                }
            }
            if (shared.isPresent()) {
                return shared.get(); // due but still valid, and another instance is refreshing it
            }
            if (System.nanoTime() - deadline > 0) {
                throw new WeChatUnavailableException(Kind.TIMEOUT, "another instance is refreshing the access_token of appid "
                        + app.appid() + " and did not finish within " + settings.maxWait().toMillis() + " ms", null);
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailableException(Kind.UNREACHABLE, "interrupted while waiting for the access_token", e);
        }
    }

    private static AccessToken await(CompletableFuture<AccessToken> flight) {
        try {
            // The fetch is bounded by the transport's timeouts and maxWait; this bound only guards against bugs.
            return flight.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("access_token fetch failed", e.getCause());
        } catch (TimeoutException e) {
            throw new WeChatUnavailableException(Kind.TIMEOUT, "the access_token fetch never finished", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailableException(Kind.UNREACHABLE, "interrupted while waiting for the access_token", e);
        }
    }
}
