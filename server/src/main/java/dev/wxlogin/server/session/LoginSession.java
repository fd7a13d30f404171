package dev.wxlogin.server.session;

import java.time.Instant;

/**
 * A login session: the refresh-token family one login started, and where it is used from.
 *
 * @param id            the family id; the {@code sid} claim of its access tokens
 * @param userId        whose it is
 * @param appid         the mini program it was started in
 * @param createdAt     the login
 * @param lastUsedAt    the latest login or refresh
 * @param expiresAt     when its newest refresh token expires, unless used before
 * @param clientAddress the address of the latest login or refresh
 * @param userAgent     the user agent of the latest login or refresh
 * @param revokedAt     when it was ended (logout, revocation, reuse), or {@code null}
 * @param reuse         the latest time a used refresh token of it came back inside the grace window from another
 *                      origin than its rotation, or {@code null}
 */
public record LoginSession(String id, long userId, String appid, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                           String clientAddress, String userAgent, Instant revokedAt, ReuseElsewhere reuse) {

    /**
     * A refresh token presented again inside the grace window from elsewhere than the first time: maybe a theft.
     *
     * @param at            when
     * @param clientAddress from where
     * @param userAgent     with which user agent
     */
    public record ReuseElsewhere(Instant at, String clientAddress, String userAgent) {
    }

    /** Whether it can still refresh: neither ended nor expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
