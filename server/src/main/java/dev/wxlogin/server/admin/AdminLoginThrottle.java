package dev.wxlogin.server.admin;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import dev.wxlogin.server.ratelimit.LoginRateLimiter;

/**
 * Console login attempts (Bucket4j token buckets, kept per instance), refilled over the window:
 * {@code attempts} per username from one client network, four times as many per client network over
 * all usernames, and twenty times as many per username over all networks. So guessing one admin's
 * password from one network is slowed at once, guessing many admins' from one network too, and an
 * anonymous client can use up only its own share of an account: the admin signs in from any other
 * network, and needs twenty networks' worth of attempts to be locked out. A client network is an
 * IPv4 address, or an IPv6 /64.
 */
class AdminLoginThrottle {

    /** How many times the per-network ceiling one username has over all networks. */
    static final int ACCOUNT_FACTOR = 20;
    /** How many times the per-username ceiling one network has over all usernames. */
    static final int NETWORK_FACTOR = 4;

    private final Cache<String, Bucket> buckets;
    private final int perUsernameAndNetwork;
    private final Duration window;

    AdminLoginThrottle(int attempts, Duration window) {
        this.perUsernameAndNetwork = attempts;
        this.window = window;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window).build();
    }

    /**
     * Takes one attempt of {@code username} (as {@link AdminUsernames#normalized} made it; null for
     * one refused) from {@code clientAddress}; false when any of its buckets is used up. Every bucket
     * is charged, so that an address cannot spread its guesses over usernames for free.
     */
    boolean tryAttempt(String username, String clientAddress) {
        String network = LoginRateLimiter.addressKey(clientAddress);
        String account = username == null ? "" : username.toLowerCase(Locale.ROOT);
        boolean networkAllows = buckets.get("net:" + network, key -> bucket(perUsernameAndNetwork * NETWORK_FACTOR)).tryConsume(1);
        boolean ownShareAllows = buckets.get("user:" + account + "|" + network, key -> bucket(perUsernameAndNetwork)).tryConsume(1);
        boolean accountAllows = buckets.get("user:" + account, key -> bucket(perUsernameAndNetwork * ACCOUNT_FACTOR)).tryConsume(1);
        return networkAllows && ownShareAllows && accountAllows;
    }

    private Bucket bucket(int capacity) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build();
    }
}
