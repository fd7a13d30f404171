package dev.wxlogin.server.user;

/**
 * What a feature holds about a user, erased when the user's account is deleted. Each feature that
 * keeps rows about a user implements it for its own tables; the account deletion calls every one in
 * one transaction before the user row itself goes ({@link UserStore#erase}), so no feature's SQL is
 * written outside it.
 */
public interface AccountErasure {

    /** Erases (deletes, or strips of personal data) what this feature holds about the user, in the caller's transaction. */
    void erase(long userId);
}
