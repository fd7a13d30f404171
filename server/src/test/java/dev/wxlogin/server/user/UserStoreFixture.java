package dev.wxlogin.server.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.crypto.AtRestEncryption;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.session.WeChatSession;

/**
 * The one place the {@link StoreDatabase} tests build a {@link UserStore} and record logins in it,
 * so that a change of the store's constructor or of {@code recordLogin} is made here only.
 */
public final class UserStoreFixture {

    /** A session_key for logins whose key does not matter. */
    public static final SessionKey SESSION_KEY = SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==");

    private UserStoreFixture() {
    }

    /** The store over {@code database}, keeping session_keys plain (no key-encryption secret). */
    public static UserStore userStore(StoreDatabase database) {
        return userStore(database, new AtRestEncryption(null, null));
    }

    /** The store over {@code database}, sealing session_keys with {@code encryption} when it is enabled. */
    public static UserStore userStore(StoreDatabase database, AtRestEncryption encryption) {
        return new UserStore(database.jdbc(), new UserIdGenerator(Clock.systemUTC()), encryption, database.transactionManager());
    }

    /** A login, the user read first as the service's login does. */
    public static UserLogin recordLogin(UserStore users, String appid, WeChatSession session, UserProfile profile, Instant now) {
        return users.recordLogin(appid, session, profile, now);
    }

    /** A login of a user the caller read already ({@code known}; empty when there was none). */
    public static UserLogin recordLogin(UserStore users, String appid, WeChatSession session, UserProfile profile, Instant now,
                                        Optional<UserAccount> known) {
        return users.recordLogin(appid, session, profile, now, known);
    }

    /** A new user of {@code appid}, with no profile and no unionid. */
    public static UserAccount newUser(UserStore users, String appid, Instant now) {
        WeChatSession session = new WeChatSession(TestUsers.unique("o"), SESSION_KEY, Optional.empty());
        return recordLogin(users, appid, session, null, now).user();
    }
}
