package dev.wxlogin.server.account;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.session.SessionRevocations;
import dev.wxlogin.server.user.AccountErasure;
import dev.wxlogin.server.user.AvatarUploads;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;

/**
 * Deletes an account and every personal datum we hold about it. Each feature erases what it holds
 * ({@link AccountErasure}: sessions and refresh tokens, phone-code exchanges, scanned sign-in tickets,
 * browser sign-ins and websites' grants, the addresses and user agents in the audit log), then the user row goes (profile,
 * openid, unionid, phone number, session_key), all in one transaction; the uploaded avatar files go
 * after it commits. The (appid, openid) row is deleted, not flagged, so a later login with the same
 * WeChat identity creates a new, empty user with a new id.
 *
 * <p>Access tokens already issued are refused by every instance within the revocation check's
 * interval (their user is gone). Records nothing itself; the caller audits who asked.
 */
@Service
public class AccountDeletion {

    private final TransactionTemplate transactions;
    private final UserStore users;
    private final List<AccountErasure> features;
    private final SessionRevocations revocations;
    private final AvatarUploads avatars;

    AccountDeletion(TransactionTemplate transactions, UserStore users, List<AccountErasure> features, SessionRevocations revocations,
                    AvatarUploads avatars) {
        this.transactions = transactions;
        this.users = users;
        this.features = features;
        this.revocations = revocations;
        this.avatars = avatars;
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
            features.forEach(feature -> feature.erase(userId));
            users.delete(userId);
        });
        revocations.forget(userId);
        // After the commit: a failed deletion keeps the user's uploads. Only the user's own uploads go,
        // never a file that their avatarUrl merely names.
        avatars.deleteAllOf(userId);
        return user;
    }
}
