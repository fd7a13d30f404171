package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.session.LoginSession;
import dev.wxlogin.server.session.LoginSessionStore;
import dev.wxlogin.server.session.SessionRevocations;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;

/**
 * Issues, refreshes and ends login states: an access token and a refresh token at a time. Each
 * login starts a session (a refresh-token family, recorded in {@code login_session}) whose id the
 * access tokens carry as {@code sid}; ending the session ends its refresh tokens and, through the
 * revocation check, its access tokens.
 */
public class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final UserStore users;
    private final LoginSessionStore sessions;
    private final SessionRevocations revocations;
    private final AuditLog audit;
    private final Clock clock;

    TokenService(AccessTokenIssuer accessTokens, RefreshTokenStore refreshTokens, UserStore users, LoginSessionStore sessions,
                 SessionRevocations revocations, AuditLog audit, Clock clock) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.sessions = sessions;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new login state (a new session) for a user who just logged in from the current request. */
    public TokenPair issueFor(UserAccount user) {
        requireEnabled(user);
        RefreshToken refresh = refreshTokens.issue(user.id());
        sessions.start(refresh.familyId(), user.id(), user.appid(), RequestOrigin.current(), refresh.expiresAt());
        return pair(accessTokens.issue(user, refresh.familyId()), refresh);
    }

    /**
     * Trades a refresh token for a new pair; the presented token is used up. Presented again within
     * the reuse grace window, it answers the same pair as the first time. Audited as {@code REFRESH},
     * or {@code REFRESH_TOKEN_REUSE} when a used token comes back after the grace window.
     *
     * @throws ApiException REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED or USER_DISABLED
     */
    public TokenPair refresh(String refreshToken) {
        RefreshTokenStore.Presented presented = null;
        try {
            presented = refreshTokens.find(refreshToken);
            UserAccount user = users.findById(presented.userId())
                    .orElseThrow(() -> new ApiException(ApiError.REFRESH_TOKEN_INVALID));
            requireEnabled(user);
            // A family is one session: the successor's access token names the same sid.
            Successor next = presented.isReplay()
                    ? presented.replay()
                    : refreshTokens.rotate(presented, refreshToken, accessTokens.issue(user, presented.familyId()));
            sessions.touch(presented.familyId(), user.id(), user.appid(), RequestOrigin.current(), next.refreshToken().expiresAt());
            LOG.debug("refresh user={} family={} replay={}", user.id(), presented.familyId(), presented.isReplay());
            audit.record(AuditEvent.of(AuditEventType.REFRESH, AuditEvent.OK, user.appid(), user.id(), presented.familyId()));
            return pair(next.accessToken(), next.refreshToken());
        } catch (ApiException e) {
            try {
                refreshFailed(refreshToken, presented, e.error());
            } catch (DataAccessException auditLookupFailed) {
                // The client is owed the refresh's own answer; the audit is best effort.
                LOG.warn("refresh failure {} not audited: {}", e.error(), auditLookupFailed.getClass().getSimpleName());
            }
            throw e;
        }
    }

    /**
     * Ends the login state the refresh token belongs to, its access tokens included. Unknown tokens
     * are ignored, as RFC 7009 does.
     */
    public void logout(String refreshToken) {
        refreshTokens.familyOf(refreshToken).ifPresent(familyId -> {
            refreshTokens.revokeFamily(familyId);
            Optional<LoginSession> session = sessions.find(familyId);
            sessions.revoke(familyId);
            session.ifPresent(s -> {
                revocations.forget(s.userId());
                audit.record(AuditEvent.of(AuditEventType.LOGOUT, AuditEvent.OK, s.appid(), s.userId(), familyId));
            });
        });
    }

    /** Ends every login state of the user, on every device; audited as {@code LOGOUT_ALL}. */
    public void logoutEverywhere(long userId) {
        int revoked = endAllSessions(userId);
        LOG.info("logout everywhere user={} revoked={}", userId, revoked);
        audit.record(AuditEvent.of(AuditEventType.LOGOUT_ALL, AuditEvent.OK,
                users.findById(userId).map(UserAccount::appid).orElse(null), userId, null));
    }

    /**
     * Ends one session of a user: its refresh tokens at once, its access tokens within the revocation
     * check's interval on every instance. Records nothing; the caller audits who asked.
     *
     * @return whether the user had that session active
     */
    public boolean endSession(long userId, String sessionId) {
        Optional<LoginSession> session = sessions.find(sessionId)
                .filter(s -> s.userId() == userId && s.activeAt(clock.instant()));
        if (session.isEmpty()) {
            return false;
        }
        refreshTokens.revokeFamily(sessionId);
        sessions.revoke(sessionId);
        revocations.forget(userId);
        return true;
    }

    /**
     * Ends every session of a user. Records nothing; the caller audits who asked.
     *
     * @return the number of sessions that were active
     */
    public int endAllSessions(long userId) {
        refreshTokens.revokeAllOf(userId);
        int ended = sessions.revokeAllOf(userId);
        revocations.forget(userId);
        return ended;
    }

    private void refreshFailed(String value, RefreshTokenStore.Presented presented, ApiError error) {
        String familyId = presented != null ? presented.familyId() : refreshTokens.familyOf(value).orElse(null);
        Optional<LoginSession> session = familyId == null ? Optional.empty() : sessions.find(familyId);
        Long userId = presented != null ? Long.valueOf(presented.userId()) : session.map(LoginSession::userId).orElse(null);
        String appid = session.map(LoginSession::appid).orElse(null);
        AuditEventType type = AuditEventType.REFRESH;
        if (error == ApiError.REFRESH_TOKEN_REUSED && familyId != null) {
            // The store revoked the family's tokens; the session and its access tokens end with them.
            type = AuditEventType.REFRESH_TOKEN_REUSE;
            sessions.revoke(familyId);
            if (userId != null) {
                revocations.forget(userId);
            }
        }
        audit.record(AuditEvent.of(type, error.name(), appid, userId, familyId));
    }

    private static void requireEnabled(UserAccount user) {
        if (user.disabled()) {
            throw new ApiException(ApiError.USER_DISABLED);
        }
    }

    private TokenPair pair(AccessToken access, RefreshToken refresh) {
        long expiresIn = Duration.between(clock.instant(), access.expiresAt()).toSeconds();
        return new TokenPair(access.value(), refresh.value(), Math.max(expiresIn, 0), TokenPair.BEARER);
    }
}
