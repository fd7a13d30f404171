package dev.wxlogin.wechat.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access_token for one mini program. {@link #toString()} hides the value: it grants access to
 * every server API of the app, so it must never reach a log, a response or an exception message.
 *
 * @param value      the token itself; only for the {@code access_token} query parameter and a shared store
 * @param obtainedAt when we asked for it (a little before WeChat issued it, so expiry is judged conservatively)
 * @param expiresAt  when WeChat stops accepting it
 */
public record AccessToken(String value, Instant obtainedAt, Instant expiresAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an access token must not be blank");
        }
        if (!expiresAt.isAfter(obtainedAt)) {
            throw new IllegalArgumentException("an access token must expire after it was obtained");
        }
    }

    /** How long WeChat said it would live when we obtained it. */
    public Duration lifetime() {
        return Duration.between(obtainedAt, expiresAt);
    }

    /** Whether WeChat no longer accepts it at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * When to replace it: {@code refreshAhead} before expiry, but never earlier than the last tenth
     * of its lifetime. The cap matters for stable_token, which hands out the current token with its
     * remaining lifetime: a token that came back with little time left must not look due at once,
     * or every call would ask again.
     */
    public Instant refreshAt(Duration refreshAhead) {
        Duration ahead = refreshAhead.compareTo(lifetime().dividedBy(10)) < 0 ? refreshAhead : lifetime().dividedBy(10);
        return expiresAt.minus(ahead);
    }

    /** Whether two tokens are the same credential, whatever their recorded times. */
    public boolean sameValueAs(AccessToken other) {
        return other != null && value.equals(other.value);
    }

    @Override
    public String toString() {
        return "AccessToken[***, expiresAt=" + expiresAt + "]";
    }
}
