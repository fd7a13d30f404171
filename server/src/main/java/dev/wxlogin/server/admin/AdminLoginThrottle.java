package dev.wxlogin.server.admin;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Console login attempts per username and per client address (Bucket4j token buckets, kept per
 * instance): {@code attempts} per username and four times as many per address, refilled over the
 * window. Every attempt counts, so that guessing one admin's password or many admins' from one
 * address is slowed alike.
 */
class AdminLoginThrottle {

    private final Cache<String, Bucket> buckets;
    private final int perUsername;
    private final int perAddress;
    private final Duration window;

    AdminLoginThrottle(int attempts, Duration window) {
        this.perUsername = attempts;
        this.perAddress = attempts * 4;
        this.window = window;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window).build();
    }

    /** Takes one attempt for both; false when either is used up. */
    boolean tryAttempt(String username, String clientAddress) {
        Bucket byAddress = buckets.get("ip:" + clientAddress, key -> bucket(perAddress));
        Bucket byUsername = buckets.get("user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)),
                key -> bucket(perUsername));
        // Both are charged, so that an address cannot spread its guesses over usernames for free.
        boolean addressAllows = byAddress.tryConsume(1);
        boolean usernameAllows = byUsername.tryConsume(1);
        return addressAllows && usernameAllows;
    }

    private Bucket bucket(int capacity) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build();
    }
}
