package dev.wxlogin.server.session;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * Whether an access token still speaks for a live user and session, checked on every authenticated
 * request and by introspection: the user exists and is not disabled, and the token's session
 * ({@code sid}) has not been ended.
 *
 * <p>The database is the truth; each instance remembers an answer for at most
 * {@code wxlogin.session.revocation-check-interval} (2 s by default, at most 5 s), so a disable,
 * revocation or deletion made through any instance is seen by every instance within that time, and
 * at once by the instance that made it ({@link #forget}). One indexed lookup per user and session per
 * interval is all it costs.
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

    private record Row(boolean disabled, Long sessionUser, boolean sessionRevoked) {
    }

    private final JdbcClient jdbc;
    private final Cache<Key, Status> recent;

    SessionRevocations(JdbcClient jdbc, Duration interval) {
        this.jdbc = jdbc;
        this.recent = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(interval).build();
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
        Optional<Row> row;
        if (key.sessionId() == null) {
            row = jdbc.sql("SELECT disabled FROM wx_user WHERE id = ?").param(key.userId())
                    .query((rs, n) -> new Row(rs.getBoolean("disabled"), null, false)).optional();
        } else {
            row = jdbc.sql("SELECT u.disabled, s.user_id AS owner_id, s.revoked_at FROM wx_user u "
                            + "LEFT JOIN login_session s ON s.id = ? WHERE u.id = ?")
                    .param(key.sessionId()).param(key.userId())
                    .query((rs, n) -> {
                        long sessionUser = rs.getLong("owner_id");
                        Long owner = rs.wasNull() ? null : sessionUser;
                        return new Row(rs.getBoolean("disabled"), owner, rs.getTimestamp("revoked_at") != null);
                    })
                    .optional();
        }
        if (row.isEmpty()) {
            return Status.USER_GONE;
        }
        if (row.get().disabled()) {
            return Status.USER_DISABLED;
        }
        if (key.sessionId() != null && (row.get().sessionUser() == null || row.get().sessionUser() != key.userId()
                || row.get().sessionRevoked())) {
            return Status.SESSION_ENDED;
        }
        return Status.ACTIVE;
    }
}
