package dev.wxlogin.server.account;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.session.LoginSessionStore;
import dev.wxlogin.server.session.SessionRevocations;
import dev.wxlogin.server.token.RefreshTokenStore;
import dev.wxlogin.server.user.AvatarUploads;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.weblogin.WebSignIns;

/**
 * Deletes an account and every personal datum we hold about it: the user row (profile, openid,
 * unionid, phone number, session_key), its refresh tokens and sessions, its phone-code exchanges,
 * its browsers' sign-ins to websites, the uploaded avatar file, and the addresses and user agents in
 * its audit events (which keep only the user id and what happened). The (appid, openid) row is
 * deleted, not flagged, so a later login with the same WeChat identity creates a new, empty user with
 * a new id.
 *
 * <p>Access tokens already issued are refused by every instance within the revocation check's
 * interval (their user is gone). Records nothing itself; the caller audits who asked.
 */
@Service
public class AccountDeletion {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final LoginSessionStore sessions;
    private final SessionRevocations revocations;
    private final AuditLog audit;
    private final AvatarUploads avatars;
    private final WebSignIns webSignIns;

    AccountDeletion(JdbcClient jdbc, TransactionTemplate transactions, UserStore users, RefreshTokenStore refreshTokens,
                    LoginSessionStore sessions, SessionRevocations revocations, AuditLog audit, AvatarUploads avatars,
                    WebSignIns webSignIns) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.revocations = revocations;
        this.audit = audit;
        this.avatars = avatars;
        this.webSignIns = webSignIns;
    }

    /**
     * Deletes the user.
     *
     * @return the account as it was, or empty when there was no such user
     */
    public Optional<UserAccount> delete(long userId) {
        Optional<UserAccount> user = users.findById(userId);
        if (user.isEmpty()) {
            return user;
        }
        transactions.executeWithoutResult(status -> {
            refreshTokens.deleteAllOf(userId);
            sessions.deleteAllOf(userId);
            webSignIns.deleteAllOf(userId);
            // What websites were given (OpenID Connect): their tokens die with the authorizations.
            jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(Long.toString(userId)).update();
            jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?").param(Long.toString(userId)).update();
            jdbc.sql("DELETE FROM phone_code_exchange WHERE user_id = ?").param(userId).update();
            audit.eraseOriginsOf(userId);
            jdbc.sql("DELETE FROM wx_user WHERE id = ?").param(userId).update();
        });
        revocations.forget(userId);
        // After the commit: a failed deletion keeps the user's uploads. Only the user's own uploads go,
        // never a file that their avatarUrl merely names.
        avatars.deleteAllOf(userId);
        return user;
    }
}
