package dev.wxlogin.server.account;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.session.LoginSession;
import dev.wxlogin.server.session.LoginSessionStore;
import dev.wxlogin.server.session.SessionRevocations;
import dev.wxlogin.server.token.TokenService;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;

/**
 * What an operator may do to users, for the admin API and console. Every change is recorded in the
 * audit log with the admin who made it ({@code adminActor}: a username or an API key's name) and
 * takes effect on every instance within the revocation check's interval.
 */
@Service
public class UserAdministration {

    private final UserStore users;
    private final UserDirectory directory;
    private final LoginSessionStore sessions;
    private final SessionRevocations revocations;
    private final TokenService tokens;
    private final AccountDeletion deletion;
    private final AuditLog audit;

    UserAdministration(UserStore users, UserDirectory directory, LoginSessionStore sessions, SessionRevocations revocations,
                       TokenService tokens, AccountDeletion deletion, AuditLog audit) {
        this.users = users;
        this.directory = directory;
        this.sessions = sessions;
        this.revocations = revocations;
        this.tokens = tokens;
        this.deletion = deletion;
        this.audit = audit;
    }

    /** One user, as stored (the phone number in full: mask it where it is shown). */
    public Optional<UserAccount> user(long userId) {
        return users.findById(userId);
    }

    /** Searches users; see {@link UserDirectory#search}. */
    public UserSearchPage search(String query, String appid, int page, int size) {
        return directory.search(query, appid, page, size);
    }

    /** The user's sessions that can still refresh, most recently used first. */
    public List<LoginSession> sessions(long userId) {
        return sessions.activeOf(userId);
    }

    /**
     * Disables the user: no login or refresh, and their access tokens are refused on our endpoints
     * within seconds. Their sessions are kept, so that {@link #enable} restores them.
     *
     * @return whether the user exists
     */
    public boolean disable(long userId, String adminActor) {
        return setDisabled(userId, true, AuditEventType.ADMIN_USER_DISABLE, adminActor);
    }

    /** Enables a disabled user again. @return whether the user exists */
    public boolean enable(long userId, String adminActor) {
        return setDisabled(userId, false, AuditEventType.ADMIN_USER_ENABLE, adminActor);
    }

    /**
     * Ends one session of the user.
     *
     * @return whether the user had that session active
     */
    public boolean revokeSession(long userId, String sessionId, String adminActor) {
        boolean ended = tokens.endSession(userId, sessionId);
        audit.record(AuditEvent.byAdmin(AuditEventType.ADMIN_SESSION_REVOKE,
                ended ? AuditEvent.OK : ApiError.SESSION_NOT_FOUND.name(), adminActor, userId, appidOf(userId)));
        return ended;
    }

    /**
     * Ends every session of the user, on every device.
     *
     * @return the number of sessions that were active
     */
    public int revokeSessions(long userId, String adminActor) {
        int ended = tokens.endAllSessions(userId);
        audit.record(AuditEvent.byAdmin(AuditEventType.ADMIN_SESSIONS_REVOKE, AuditEvent.OK, adminActor, userId, appidOf(userId)));
        return ended;
    }

    /**
     * Deletes the user and their personal data ({@link AccountDeletion}).
     *
     * @return whether the user existed
     */
    public boolean delete(long userId, String adminActor) {
        Optional<UserAccount> deleted = deletion.delete(userId);
        audit.record(AuditEvent.byAdmin(AuditEventType.ADMIN_USER_DELETE,
                deleted.isPresent() ? AuditEvent.OK : ApiError.USER_NOT_FOUND.name(), adminActor, userId,
                deleted.map(UserAccount::appid).orElse(null)));
        return deleted.isPresent();
    }

    private boolean setDisabled(long userId, boolean disabled, AuditEventType type, String adminActor) {
        boolean found = users.setDisabled(userId, disabled);
        revocations.forget(userId);
        audit.record(AuditEvent.byAdmin(type, found ? AuditEvent.OK : ApiError.USER_NOT_FOUND.name(), adminActor, userId,
                found ? appidOf(userId) : null));
        return found;
    }

    private String appidOf(long userId) {
        return users.findById(userId).map(UserAccount::appid).orElse(null);
    }
}
