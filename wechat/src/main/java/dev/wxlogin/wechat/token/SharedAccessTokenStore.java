package dev.wxlogin.wechat.token;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the instances of one deployment share each app's access_token, so that one of them
 * refreshes it and the others read it. {@link InMemoryAccessTokenStore} serves a single instance;
 * a cluster plugs in a shared one (Redis: the token under a key per appid expiring with it, the
 * lease as {@code SET lease:<appid> <random> NX PX <leaseTime>} released by compare-and-delete).
 *
 * <p>Implementations must be thread-safe and must never log token values.
 */
public interface SharedAccessTokenStore {

    /** The app's stored token, unless it has expired. */
    Optional<AccessToken> get(String appid);

    /** Stores the app's token for every instance, replacing the previous one, until it expires. */
    void put(String appid, AccessToken token);

    /**
     * Tries to become the one instance that refreshes the app's token.
     *
     * @param leaseTime how long the lease holds if its holder never closes it (it crashed); longer
     *                  than a token fetch can take
     * @return the lease, to close once the new token is stored; empty when another holds it
     */
    Optional<RefreshLease> tryLease(String appid, Duration leaseTime);

    /** The right to refresh one app's token; closing it lets others refresh again. */
    interface RefreshLease extends AutoCloseable {

        /** Releases the lease if this holder still has it; a lease that already lapsed is left alone. */
        @Override
        void close();
    }
}
