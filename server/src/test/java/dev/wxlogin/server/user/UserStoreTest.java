package dev.wxlogin.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.wxlogin.server.user.UserStoreFixture.recordLogin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.AtOnce;
import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.StoreTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.session.WeChatSession;

/** The store on a bare database of each kind: logins create and update, concurrent first logins make one user. */
@StoreTest
class UserStoreTest {

    private static final String APPID = "wxstoretest0000001";

    StoreDatabase database;
    UserStore users;
    JdbcClient jdbc;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void store(StoreDatabase database) {
        this.database = database;
        this.users = UserStoreFixture.userStore(database);
        this.jdbc = database.jdbc();
    }

    @Test
    void firstLoginCreatesAndLaterLoginsUpdate() {
        String openid = TestUsers.unique("o");
        WeChatSession first = new WeChatSession(openid, SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="), Optional.of("union-1"));
        WeChatSession second = new WeChatSession(openid, SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg=="), Optional.empty());

        UserLogin created = recordLogin(users, APPID, first, new UserProfile("Ann", null, 2, null, null, "Xi'an", null), t0);
        UserLogin updated = recordLogin(users, APPID, second, null, t0.plusSeconds(60));

        assertThat(created.created()).isTrue();
        assertThat(updated.created()).isFalse();
        assertThat(updated.user().id()).isEqualTo(created.user().id());
        assertThat(updated.user().loginCount()).isEqualTo(2);
        assertThat(updated.user().unionid()).as("a login without unionid keeps the known one").isEqualTo("union-1");
        assertThat(updated.user().profile().nickname()).as("no profile keeps the stored one").isEqualTo("Ann");
        assertThat(updated.user().profile().city()).isEqualTo("Xi'an");
        assertThat(updated.user().createdAt()).isEqualTo(t0);
        assertThat(updated.user().lastLoginAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(users.sessionKey(created.user().id())).contains(SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg=="));
    }

    @Test
    void theAccountALoginReturnsIsTheOneStoredThoughItIsNotReadAgain() {
        String openid = TestUsers.unique("o");
        Instant withNanos = t0.plusNanos(123_456_789);
        WeChatSession first = new WeChatSession(openid, SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="), Optional.empty());
        WeChatSession second = new WeChatSession(openid, SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg=="), Optional.of("union-2"));

        UserAccount created = recordLogin(users, APPID, first, new UserProfile("Ann", null, 2, "中国", null, null, null), withNanos,
                users.findByOpenid(APPID, openid)).user();
        assertThat(created).isEqualTo(users.findById(created.id()).orElseThrow());

        UserAccount known = users.findByOpenid(APPID, openid).orElseThrow();
        UserAccount updated = recordLogin(users, APPID, second, new UserProfile("Bea", "https://a.example/b.png", null, null, "广东", null, "zh_CN"),
                withNanos.plusSeconds(1), Optional.of(known)).user();

        assertThat(updated).isEqualTo(users.findById(created.id()).orElseThrow());
        assertThat(updated.profile()).isEqualTo(new UserProfile("Bea", "https://a.example/b.png", 2, "中国", "广东", null, "zh_CN"));
        assertThat(updated.unionid()).isEqualTo("union-2");
        assertThat(updated.loginCount()).isEqualTo(2);
    }

    @Test
    void aLoginOfAUserDeletedSinceTheyWereReadCreatesThemAgain() {
        String openid = TestUsers.unique("o");
        WeChatSession session = new WeChatSession(openid, SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="), Optional.empty());
        UserAccount gone = recordLogin(users, APPID, session, null, t0).user();
        jdbc.sql("DELETE FROM wx_user WHERE id = ?").param(gone.id()).update();

        UserLogin again = recordLogin(users, APPID, session, null, t0.plusSeconds(1), Optional.of(gone));

        assertThat(again.created()).isTrue();
        assertThat(again.user().id()).isNotEqualTo(gone.id());
        assertThat(users.findByOpenid(APPID, openid)).contains(again.user());
    }

    @Test
    void sameOpenidInAnotherAppIsAnotherUser() {
        String openid = TestUsers.unique("o");
        WeChatSession session = new WeChatSession(openid, SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="), Optional.empty());

        long a = recordLogin(users, APPID, session, null, t0).user().id();
        long b = recordLogin(users, "wxstoretest0000002", session, null, t0).user().id();

        assertThat(a).isNotEqualTo(b);
        assertThat(users.findById(a).orElseThrow().appid()).isEqualTo(APPID);
    }

    @Test
    void chineseAndEmojiNicknamesRoundTrip() {
        String openid = TestUsers.unique("o");
        WeChatSession session = new WeChatSession(openid, SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="), Optional.empty());
        String nickname = "小明🐼✨";

        recordLogin(users, APPID, session, new UserProfile(nickname, null, null, "中国", "广东", "深圳", "zh_CN"), t0);

        UserProfile stored = users.findByOpenid(APPID, openid).orElseThrow().profile();
        assertThat(stored.nickname()).isEqualTo(nickname);
        assertThat(stored.city()).isEqualTo("深圳");
    }

    @Test
    void unknownUserIsEmpty() {
        assertThat(users.findById(-1)).isEmpty();
        assertThat(users.sessionKey(-1)).isEmpty();
        assertThat(users.findByOpenid(APPID, "nobody")).isEmpty();
    }

    @Test
    void concurrentFirstLoginsOfOneUserLeaveOneRow() throws Exception {
        String openid = TestUsers.unique("o");
        WeChatSession session = new WeChatSession(openid, UserStoreFixture.SESSION_KEY, Optional.empty());

        // As the login service: each read "no such user" before any committed, then records in its transaction.
        List<UserLogin> done = AtOnce.run(6, i ->
                database.transactions().execute(status -> recordLogin(users, APPID, session, null, t0, Optional.empty())));

        assertThat(done).extracting(login -> login.user().id()).containsOnly(done.get(0).user().id());
        assertThat(done).filteredOn(UserLogin::created).hasSize(1);
        assertThat(rows(openid)).isEqualTo(1);
        assertThat(users.findByOpenid(APPID, openid).orElseThrow().loginCount()).isEqualTo(6);
    }

    @Test
    void concurrentLoginsThatReadFirstConvergeOnOneRow() throws Exception {
        String openid = TestUsers.unique("o");
        WeChatSession session = new WeChatSession(openid, UserStoreFixture.SESSION_KEY, Optional.empty());

        List<UserLogin> done = AtOnce.run(6, i -> recordLogin(users, APPID, session, null, t0));

        assertThat(done).extracting(login -> login.user().id()).containsOnly(done.get(0).user().id());
        assertThat(rows(openid)).isEqualTo(1);
        assertThat(users.findByOpenid(APPID, openid).orElseThrow().loginCount()).isEqualTo(6);
    }

    private long rows(String openid) {
        return jdbc.sql("SELECT COUNT(*) FROM wx_user WHERE appid = ? AND openid = ?").param(APPID).param(openid)
                .query(Long.class).single();
    }
}
