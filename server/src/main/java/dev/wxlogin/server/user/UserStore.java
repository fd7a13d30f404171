package dev.wxlogin.server.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.crypto.AtRestEncryption;
import dev.wxlogin.server.platform.PlatformSession;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.session.WeChatSession;

/**
 * Users in the database, over plain JDBC: the one owner of the {@code wx_user} table (the console's search included). Every statement
 * is portable SQL (H2, PostgreSQL, MariaDB/MySQL); a login is an UPDATE, or an INSERT when the user is
 * new, in the login's transaction. A user is one (platform, appid, openid): the unique key on them
 * makes concurrent first logins of one user converge on one row: the losing INSERT is undone to a
 * savepoint, so the login's transaction goes on (PostgreSQL would otherwise abort it).
 *
 * <p>The session_key (WeChat, QQ, Douyin; Alipay has none) is stored sealed ({@code session_key_sealed}, bound to the user id) when
 * a key-encryption secret is configured, else as it is ({@code session_key}); {@link SessionKeySealing}
 * moves values from the one to the other.
 */
@Repository
public class UserStore {

    private static final int MAX_ATTEMPTS = 5;
    /** Each profile field set where a value is given, kept where it is null. */
    private static final String KEEP_OR_SET_PROFILE = "nickname = COALESCE(?, nickname), avatar_url = COALESCE(?, avatar_url), "
            + "gender = COALESCE(?, gender), country = COALESCE(?, country), province = COALESCE(?, province), "
            + "city = COALESCE(?, city), language = COALESCE(?, language)";
    private static final String COLUMNS = "id, appid, openid, unionid, nickname, avatar_url, gender, country, province, city, "
            + "language, disabled, created_at, last_login_at, login_count, phone_number, pure_phone_number, country_code, "
            + "phone_verified_at, platform";

    private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);

    private final JdbcClient jdbc;
    private final UserIdGenerator ids;
    private final AtRestEncryption encryption;
    private final TransactionTemplate savepoint;

    UserStore(JdbcClient jdbc, UserIdGenerator ids, AtRestEncryption encryption, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.ids = ids;
        this.encryption = encryption;
    }

    /** What a sealed session_key is bound to: the user it belongs to, so it opens on no other row. */
    static String sealingContext(long userId) {
        return "wx_user.session_key:" + userId;
    }

    /**
     * Records a WeChat login: creates the user on first sight, otherwise refreshes the session_key,
     * unionid, login time and, when given, the profile.
     *
     * @param profile the profile from this login, or {@code null} to keep the stored one
     */
    public UserLogin recordLogin(String appid, WeChatSession session, UserProfile profile, Instant now) {
        return recordLogin(appid, session, profile, now, findByOpenid(appid, session.openid()));
    }

    /** {@link #recordLogin(PlatformSession, UserProfile, Instant, Optional)} for a WeChat session. */
    public UserLogin recordLogin(String appid, WeChatSession session, UserProfile profile, Instant now, Optional<UserAccount> known) {
        return recordLogin(new PlatformSession(Platform.WECHAT, appid, session.openid(), session.unionid(), Optional.of(session.sessionKey())),
                profile, now, known);
    }

    /**
     * Records a login on any platform of a user the caller has just read ({@code known}; empty when there
     * was none), sparing a second read: the account returned is the stored one as this login leaves it, made
     * from {@code known} and what was written. The session's key replaces the stored one; a platform without
     * one (Alipay) leaves none stored.
     *
     * @param profile the profile from this login, or {@code null} to keep the stored one
     */
    public UserLogin recordLogin(PlatformSession session, UserProfile profile, Instant now, Optional<UserAccount> known) {
        String appid = session.appid();
        // As the database keeps it, so that the account returned and a later read agree.
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Optional<UserAccount> current = known;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (current.isPresent()) {
                UserAccount user = current.get();
                if (updateOnLogin(user.id(), session, profile, at) == 1) {
                    return new UserLogin(afterLogin(user, session, profile, at), false);
                }
            } else {
                try {
                    // The id first: the sealed session_key is bound to it.
                    long id = ids.next();
                    UserProfile given = profile == null ? UserProfile.EMPTY : profile;
                    savepoint.executeWithoutResult(status -> insert(id, appid, session, given, at));
                    return new UserLogin(new UserAccount(id, appid, session.openid(), session.unionid().orElse(null), given,
                            false, at, at, 1, null, session.platform()), true);
                } catch (DuplicateKeyException raceOrIdCollision) {
                    // Another request created the same user first, or (rarely) took the same id: update instead.
                }
            }
            current = findByOpenid(session.platform(), appid, session.openid());
        }
        throw new IllegalStateException("could not record the login after " + MAX_ATTEMPTS + " attempts");
    }

    /** {@code user} as {@link #updateOnLogin} leaves it: each value given replaces, each absent one is kept. */
    private static UserAccount afterLogin(UserAccount user, PlatformSession session, UserProfile profile, Instant at) {
        UserProfile p = profile == null ? UserProfile.EMPTY : profile;
        UserProfile old = user.profile();
        UserProfile merged = new UserProfile(keep(p.nickname(), old.nickname()), keep(p.avatarUrl(), old.avatarUrl()),
                keep(p.gender(), old.gender()), keep(p.country(), old.country()), keep(p.province(), old.province()),
                keep(p.city(), old.city()), keep(p.language(), old.language()));
        return new UserAccount(user.id(), user.appid(), user.openid(), session.unionid().orElse(user.unionid()), merged,
                user.disabled(), user.createdAt(), at, user.loginCount() + 1, user.phone(), user.platform());
    }

    private static <T> T keep(T given, T stored) {
        return given != null ? given : stored;
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wx_user WHERE id = ?").param(id).query(UserStore::map).optional();
    }

    /** The WeChat user {@code openid} of {@code appid}. */
    public Optional<UserAccount> findByOpenid(String appid, String openid) {
        return findByOpenid(Platform.WECHAT, appid, openid);
    }

    /** The user {@code openid} of {@code appid} on {@code platform}: the one a login of theirs would find. */
    public Optional<UserAccount> findByOpenid(Platform platform, String appid, String openid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wx_user WHERE appid = ? AND openid = ? AND platform = ?")
                .param(appid).param(openid).param(platform.wireName()).query(UserStore::map).optional();
    }

    /**
     * The session_key from the user's latest login, for decrypting what the page sends later. Empty
     * when there is none, or when it is sealed and the configured secrets do not open it (logged: the
     * user must log in again).
     */
    public Optional<SessionKey> sessionKey(long userId) {
        record Stored(String plain, String sealed) {
        }
        return jdbc.sql("SELECT session_key, session_key_sealed FROM wx_user WHERE id = ?").param(userId)
                .query((rs, row) -> new Stored(rs.getString("session_key"), rs.getString("session_key_sealed")))
                .optional()
                .flatMap(stored -> {
                    if (stored.sealed() == null) {
                        return Optional.ofNullable(stored.plain());
                    }
                    Optional<String> opened = encryption.enabled()
                            ? encryption.open(sealingContext(userId), stored.sealed()).map(AtRestEncryption.Opened::plaintext)
                            : Optional.empty();
                    if (opened.isEmpty()) {
                        LOG.warn("the sealed session_key of user {} does not open with the configured key-encryption "
                                + "secret(s); the user must log in again", userId);
                    }
                    return opened;
                })
                .map(SessionKey::of);
    }

    /**
     * Bans or unbans a user. A disabled user cannot log in, refresh, or use the {@code /api/v1/me}
     * endpoints; tokens already issued are refused by every instance within seconds (the revocation
     * check, {@code SessionRevocations}), and by services that only verify our JWKS at their expiry.
     *
     * @return whether the user exists
     */
    public boolean setDisabled(long id, boolean disabled) {
        return jdbc.sql("UPDATE wx_user SET disabled = ? WHERE id = ?").param(disabled).param(id).update() == 1;
    }

    /**
     * Changes the fields of the profile that {@code changes} gives; {@code null} fields keep their value.
     *
     * @return whether the user exists
     */
    public boolean updateProfile(long id, UserProfile changes) {
        return withProfile(jdbc.sql("UPDATE wx_user SET " + KEEP_OR_SET_PROFILE + " WHERE id = ?"), changes)
                .param(id)
                .update() == 1;
    }

    /**
     * The users of every app of {@code platform} who share this unionid (one person across the mini programs
     * of one developer account on that platform), oldest first. A unionid links apps of one platform only:
     * the same string on another platform is another person.
     */
    public List<UserAccount> findByUnionid(Platform platform, String unionid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wx_user WHERE unionid = ? AND platform = ? ORDER BY created_at, id")
                .param(unionid).param(platform.wireName()).query(UserStore::map).list();
    }

    /**
     * Binds a phone number to the user, replacing any earlier one.
     *
     * @return whether the user exists
     */
    public boolean bindPhone(long id, BoundPhone phone) {
        return jdbc.sql("UPDATE wx_user SET phone_number = ?, pure_phone_number = ?, country_code = ?, phone_verified_at = ? "
                        + "WHERE id = ?")
                .param(phone.phoneNumber()).param(phone.purePhoneNumber()).param(phone.countryCode())
                .param(Timestamp.from(phone.verifiedAt())).param(id)
                .update() == 1;
    }

    /**
     * The users who hold this phone number now (by country code and number without it), oldest first:
     * the candidates for a link across platforms. Holding a number proves nothing alone (carriers recycle
     * numbers); the caller decides what it may be used for.
     */
    public List<UserAccount> findByPhone(String purePhoneNumber, String countryCode) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wx_user WHERE pure_phone_number = ? AND country_code = ? ORDER BY created_at, id")
                .param(purePhoneNumber).param(countryCode).query(UserStore::map).list();
    }

    /** Deletes the user row (profile, openid, unionid, phone number, session_key), last in an account deletion. */
    public void delete(long id) {
        jdbc.sql("DELETE FROM wx_user WHERE id = ?").param(id).update();
    }

    /**
     * A stored session_key: plain, or sealed.
     *
     * @param id    its user
     * @param value the stored text
     */
    record StoredSessionKey(long id, String value) {
    }

    /** Up to {@code limit} users after {@code id} (by id) with a plain session_key, or with a sealed one. */
    List<StoredSessionKey> sessionKeysAfter(long id, boolean sealed, int limit) {
        String column = sealed ? "session_key_sealed" : "session_key";
        return jdbc.sql("SELECT id, " + column + " FROM wx_user WHERE " + column + " IS NOT NULL AND id > ? ORDER BY id LIMIT " + limit)
                .param(id).query((rs, n) -> new StoredSessionKey(rs.getLong(1), rs.getString(2))).list();
    }

    /** Replaces a plain session_key by its sealed form, unless it changed meanwhile; says how many rows changed. */
    int sealSessionKey(long id, String plain, String sealed) {
        return jdbc.sql("UPDATE wx_user SET session_key_sealed = ?, session_key = NULL WHERE id = ? AND session_key = ?")
                .param(sealed).param(id).param(plain).update();
    }

    /** Replaces a sealed session_key by one sealed under the current secret, unless it changed meanwhile. */
    int resealSessionKey(long id, String previous, String sealed) {
        return jdbc.sql("UPDATE wx_user SET session_key_sealed = ? WHERE id = ? AND session_key_sealed = ?")
                .param(sealed).param(id).param(previous).update();
    }

    /** Sets the user's avatar URL (an upload's). */
    void setAvatarUrl(long id, String avatarUrl) {
        jdbc.sql("UPDATE wx_user SET avatar_url = ? WHERE id = ?").param(avatarUrl).param(id).update();
    }

    /** The user's avatar URL; empty when there is none or no such user. */
    Optional<String> avatarUrl(long id) {
        return Optional.ofNullable(jdbc.sql("SELECT avatar_url FROM wx_user WHERE id = ?").param(id)
                .query(rs -> rs.next() ? rs.getString(1) : null));
    }

    /** Locks the user's row until the caller's transaction ends; says whether the user exists. */
    boolean lock(long id) {
        return jdbc.sql("SELECT id FROM wx_user WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional().isPresent();
    }

    /**
     * Whether the user is disabled; empty when there is no such user. The revocation check's read,
     * on every authenticated request whose answer it does not remember.
     */
    public Optional<Boolean> disabled(long id) {
        return jdbc.sql("SELECT disabled FROM wx_user WHERE id = ?").param(id).query(Boolean.class).optional();
    }

    private int updateOnLogin(long id, PlatformSession session, UserProfile profile, Instant now) {
        UserProfile p = profile == null ? UserProfile.EMPTY : profile;
        return withSessionKey(withProfile(jdbc.sql("UPDATE wx_user SET unionid = COALESCE(?, unionid), " + KEEP_OR_SET_PROFILE
                        + ", session_key = ?, session_key_sealed = ?, session_key_updated_at = ?, last_login_at = ?,"
                        + " login_count = login_count + 1 WHERE id = ?")
                        .param(session.unionid().orElse(null)), p), id, session)
                .param(Timestamp.from(now))
                .param(Timestamp.from(now))
                .param(id)
                .update();
    }

    private void insert(long id, String appid, PlatformSession session, UserProfile p, Instant now) {
        withSessionKey(withProfile(jdbc.sql("""
                        INSERT INTO wx_user (id, appid, openid, unionid, nickname, avatar_url, gender, country, province, city,
                            language, session_key, session_key_sealed, session_key_updated_at, disabled, created_at,
                            last_login_at, login_count, platform)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""")
                .param(id).param(appid).param(session.openid()).param(session.unionid().orElse(null)), p), id, session)
                .param(Timestamp.from(now))
                .param(false).param(Timestamp.from(now)).param(Timestamp.from(now))
                .param(session.platform().wireName())
                .update();
    }

    /**
     * Binds {@code session_key} and {@code session_key_sealed}: one of them is set, the other null; both
     * null for a platform without a session key (Alipay).
     */
    private JdbcClient.StatementSpec withSessionKey(JdbcClient.StatementSpec statement, long id, PlatformSession session) {
        if (session.sessionKey().isEmpty()) {
            return statement.param(null).param(null);
        }
        String key = session.sessionKey().get().base64();
        return encryption.enabled()
                ? statement.param(null).param(encryption.seal(sealingContext(id), key))
                : statement.param(key).param(null);
    }

    /** Binds the seven profile fields, in the order of {@link #KEEP_OR_SET_PROFILE} and of the INSERT. */
    private static JdbcClient.StatementSpec withProfile(JdbcClient.StatementSpec statement, UserProfile p) {
        return statement.param(p.nickname()).param(p.avatarUrl()).param(p.gender()).param(p.country())
                .param(p.province()).param(p.city()).param(p.language());
    }

    /**
     * The users {@code search} matches, newest first, one page of them.
     *
     * @param limit  at most this many
     * @param offset after skipping this many
     */
    public List<UserAccount> search(UserSearch search, int limit, long offset) {
        Where where = where(search);
        return where.bind(jdbc.sql("SELECT " + COLUMNS + " FROM wx_user" + where.sql + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"))
                .param(limit).param(offset).query(UserStore::map).list();
    }

    /**
     * How many users {@code search} matches, counting no further than {@code cap}: an exact count of
     * every user, or of every nickname with a common syllable, takes seconds at millions of users.
     */
    public long countMatches(UserSearch search, long cap) {
        Where where = where(search);
        return where.bind(jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM wx_user" + where.sql + " LIMIT ?) matches"))
                .param(cap).query(Long.class).single();
    }

    private record Where(String sql, List<Object> params) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            for (Object param : params) {
                statement = statement.param(param);
            }
            return statement;
        }
    }

    private static Where where(UserSearch search) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (search.appid() != null) {
            conditions.add("appid = ?");
            params.add(search.appid());
        }
        if (search.platform() != null) {
            conditions.add("platform = ?");
            params.add(search.platform().wireName());
        }
        String q = search.text();
        if (!q.isEmpty()) {
            List<String> any = new ArrayList<>(List.of("openid = ?", "unionid = ?", "LOWER(nickname) LIKE ? ESCAPE '!'"));
            params.add(q);
            params.add(q);
            params.add("%" + likeEscaped(search.lowerCaseText()) + "%");
            if (q.matches("[0-9]{1,18}")) {
                any.add("id = ?");
                params.add(Long.parseLong(q));
            }
            if (q.matches("[0-9]{3,11}")) {
                any.add("pure_phone_number LIKE ? ESCAPE '!'");
                params.add("%" + q);
            }
            conditions.add("(" + String.join(" OR ", any) + ")");
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        int genderValue = rs.getInt("gender");
        Integer gender = rs.wasNull() ? null : genderValue;
        UserProfile profile = new UserProfile(rs.getString("nickname"), rs.getString("avatar_url"), gender, rs.getString("country"), rs.getString("province"), rs.getString("city"),
                rs.getString("language"));
        Timestamp phoneVerifiedAt = rs.getTimestamp("phone_verified_at");
        BoundPhone phone = phoneVerifiedAt == null ? null : new BoundPhone(rs.getString("phone_number"),
                rs.getString("pure_phone_number"), rs.getString("country_code"), phoneVerifiedAt.toInstant());
        return new UserAccount(rs.getLong("id"), rs.getString("appid"), rs.getString("openid"), rs.getString("unionid"),
                profile, rs.getBoolean("disabled"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("last_login_at").toInstant(), rs.getLong("login_count"), phone,
                platformOf(rs.getString("platform")));
    }

    private static Platform platformOf(String stored) {
        return Platform.fromWireName(stored).orElseThrow(() -> new IllegalStateException("a user's platform is not one this service knows"));
    }
}
