package dev.wxlogin.server.account;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.session.LoginSession;
import dev.wxlogin.server.session.LoginSessions;
import dev.wxlogin.server.session.SessionRevocations;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.weblogin.WebGrants;

/**
 * What an operator may do to users, for the admin API and console. Every change is recorded in the
 * audit log with the admin who made it ({@link AdminActor}: a username or an API key's name, and where they acted from) and
 * takes effect on every instance within the revocation check's interval.
 */
@Service
public class UserAdministration {

    private final UserStore users;
    private final UserDirectory directory;
    private final LoginSessions sessions;
    private final SessionRevocations revocations;
    private final AccountDeletion deletion;
    private final AuditLog audit;
    private final WebGrants web;

    UserAdministration(UserStore users, UserDirectory directory, LoginSessions sessions, SessionRevocations revocations,
                       AccountDeletion deletion, AuditLog audit, WebGrants web) {
        this.web = web;
        this.users = users;
        this.directory = directory;
        this.sessions = sessions;
        this.revocations = revocations;
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

    /** Searches the users of one platform ({@code null}: all); see {@link UserDirectory#search}. */
    public UserSearchPage search(String query, String appid, Platform platform, int page, int size) {
        return directory.search(query, appid, platform, page, size);
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
    public boolean disable(long userId, AdminActor admin) {
        return setDisabled(userId, true, AuditEventType.ADMIN_USER_DISABLE, admin);
    }

    /** Enables a disabled user again. @return whether the user exists */
    public boolean enable(long userId, AdminActor admin) {
        return setDisabled(userId, false, AuditEventType.ADMIN_USER_ENABLE, admin);
    }

    /**
     * Ends one session of the user.
     *
     * @return whether the user had that session active
     */
    public boolean revokeSession(long userId, String sessionId, AdminActor admin) {
        boolean ended = sessions.end(userId, sessionId);
        audit.record(AuditEvent.byAdmin(admin, AuditEventType.ADMIN_SESSION_REVOKE,
                ended ? AuditEvent.OK : ApiError.SESSION_NOT_FOUND.name(), userId, appidOf(userId)));
        return ended;
    }

    /** The user's browser sign-ins, newest first. */
    public List<WebGrants.BrowserSignIn> browserSignIns(long userId) {
        return web.signInsOf(userId);
    }

    /** The websites the user connected. */
    public List<WebGrants.ConnectedWebsite> websites(long userId) {
        return web.websitesOf(userId);
    }

    /**
     * Ends one browser sign-in of the user.
     *
     * @return whether the user had it
     */
    public boolean endBrowserSignIn(long userId, String signInId, AdminActor admin) {
        boolean ended = signInId.length() <= 22 && web.endSignIn(userId, signInId);
        audit.record(AuditEvent.byAdmin(admin, AuditEventType.ADMIN_SESSION_REVOKE,
                ended ? AuditEvent.OK : ApiError.SESSION_NOT_FOUND.name(), userId, appidOf(userId)));
        return ended;
    }

    /**
     * Disconnects a website from the user (its tokens stop, its consent goes).
     *
     * @return whether the user had connected it
     */
    public boolean disconnectWebsite(long userId, String clientId, AdminActor admin) {
        boolean ended = clientId.length() <= 100 && web.disconnect(userId, clientId);
        audit.record(new AuditEvent(null, null, AuditEventType.ADMIN_SESSION_REVOKE, ended ? AuditEvent.OK : ApiError.SESSION_NOT_FOUND.name(),
                appidOf(userId), userId, null, admin.origin().clientAddress(), admin.origin().userAgent(), admin.name(),
                clientId));
        return ended;
    }

    /**
     * Ends every session of the user, on every device, and on the web: browser sign-ins and websites' grants.
     *
     * @return the number of sessions that were active
     */
    public int revokeSessions(long userId, AdminActor admin) {
        int ended = sessions.endAll(userId);
        audit.record(AuditEvent.byAdmin(admin, AuditEventType.ADMIN_SESSIONS_REVOKE, AuditEvent.OK, userId, appidOf(userId)));
        return ended;
    }

    /**
     * Deletes the user and their personal data ({@link AccountDeletion}).
     *
     * @return whether the user existed
     */
    public boolean delete(long userId, AdminActor admin) {
        Optional<UserAccount> deleted = deletion.delete(userId);
        audit.record(AuditEvent.byAdmin(admin, AuditEventType.ADMIN_USER_DELETE,
                deleted.isPresent() ? AuditEvent.OK : ApiError.USER_NOT_FOUND.name(), userId,
                deleted.map(UserAccount::appid).orElse(null)));
        return deleted.isPresent();
    }

    private boolean setDisabled(long userId, boolean disabled, AuditEventType type, AdminActor admin) {
        boolean found = users.setDisabled(userId, disabled);
        revocations.forget(userId);
        audit.record(AuditEvent.byAdmin(admin, type, found ? AuditEvent.OK : ApiError.USER_NOT_FOUND.name(), userId,
                found ? appidOf(userId) : null));
        return found;
    }

    private String appidOf(long userId) {
        return users.findById(userId).map(UserAccount::appid).orElse(null);
    }
}
