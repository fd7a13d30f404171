package dev.wxlogin.server.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.user.UserStore;

/**
 * Whether an access token still speaks for a live user and session, checked on every authenticated
 * request and by introspection: the user exists and is not disabled, and the token's session
 * ({@code sid}) has not been ended.
 *
 * <p>The database is the truth; each instance remembers an answer for at most
 * {@code wxlogin.session.revocation-check-interval} (2 s by default, at most 5 s), so a disable,
 * revocation or deletion made through any instance is seen by every instance within that time, and
 * at once by the instance that made it ({@link #forget}). Two primary-key lookups (the user, the
 * session) per user and session per interval are all it costs.
 */
public class SessionRevocations {

    /** What the check found. */
    public enum Status {
        /** The token may be used. */
        ACTIVE(null),
        /** Its session was ended: logout, revocation, refresh-token reuse, or it no longer exists. */
        SESSION_ENDED(ApiError.SESSION_REVOKED),
        /** Its user is disabled. */
        USER_DISABLED(ApiError.USER_DISABLED),
        /** Its user no longer exists (deleted). */
        USER_GONE(ApiError.USER_NOT_FOUND);

        private final ApiError error;

        Status(ApiError error) {
            this.error = error;
        }

        /** The error a request with such a token is answered with; empty when {@link #ACTIVE}. */
        public Optional<ApiError> error() {
            return Optional.ofNullable(error);
        }
    }

    private record Key(long userId, String sessionId) {
    }

    private final UserStore users;
    private final Function<String, Optional<LoginSession>> sessions;
    private final Cache<Key, Status> recent;

    /**
     * @param sessions the session with an id, ended or not ({@link LoginSessions#find})
     * @param clock    the service's clock, which ages the answers remembered (so a test moves it instead of waiting)
     */
    SessionRevocations(UserStore users, Function<String, Optional<LoginSession>> sessions, Duration interval, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.recent = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(interval)
                .ticker(() -> nanos(clock.instant())).build();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * The state of a token's user and session.
     *
     * @param sessionId the token's {@code sid}; {@code null} for tokens issued before sessions were
     *                  recorded, which are checked for their user only
     */
    public Status status(long userId, String sessionId) {
        return recent.get(new Key(userId, sessionId), this::load);
    }

    /**
     * @throws ApiException SESSION_REVOKED, USER_DISABLED or USER_NOT_FOUND unless the token may be used
     */
    public void require(long userId, String sessionId) {
        Status status = status(userId, sessionId);
        if (status.error().isPresent()) {
            throw new ApiException(status.error().get());
        }
    }

    /** Drops what this instance remembers of a user, after a change to them or their sessions here. */
    public void forget(long userId) {
        recent.asMap().keySet().removeIf(key -> key.userId() == userId);
    }

    private Status load(Key key) {
        Optional<Boolean> disabled = users.disabled(key.userId());
        if (disabled.isEmpty()) {
            return Status.USER_GONE;
        }
        if (disabled.get()) {
            return Status.USER_DISABLED;
        }
        if (key.sessionId() != null && sessions.apply(key.sessionId())
                .filter(session -> session.userId() == key.userId() && session.revokedAt() == null).isEmpty()) {
            return Status.SESSION_ENDED;
        }
        return Status.ACTIVE;
    }
}
