package dev.wxlogin.server.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.wxlogin.server.crypto.AtRestEncryption;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.session.WeChatSession;

/**
 * Users in the database, over plain JDBC. Every statement is portable SQL (H2, PostgreSQL,
 * MariaDB/MySQL) and runs in auto-commit: a login is an UPDATE, or an INSERT when the user is new.
 * The unique key on (appid, openid) makes concurrent first logins of one user converge on one row.
 *
 * <p>The WeChat session_key is stored sealed ({@code session_key_sealed}, bound to the user id) when
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
            + "phone_verified_at";

    private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);

    private final JdbcClient jdbc;
    private final UserIdGenerator ids;
    private final AtRestEncryption encryption;

    UserStore(JdbcClient jdbc, UserIdGenerator ids, AtRestEncryption encryption) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.encryption = encryption;
    }

    /** What a sealed session_key is bound to: the user it belongs to, so it opens on no other row. */
    static String sealingContext(long userId) {
        return "wx_user.session_key:" + userId;
    }

    /**
     * Records a login: creates the user on first sight, otherwise refreshes the session_key,
     * unionid, login time and, when given, the profile.
     *
     * @param profile the profile from this login, or {@code null} to keep the stored one
     */
    public UserLogin recordLogin(String appid, WeChatSession session, UserProfile profile, Instant now) {
        return recordLogin(appid, session, profile, now, findByOpenid(appid, session.openid()));
    }

    /**
     * Records a login of a user the caller has just read ({@code known}; empty when there was none),
     * sparing a second read: the account returned is the stored one as this login leaves it, made from
     * {@code known} and what was written.
     *
     * @param profile the profile from this login, or {@code null} to keep the stored one
     */
    public UserLogin recordLogin(String appid, WeChatSession session, UserProfile profile, Instant now, Optional<UserAccount> known) {
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
                    insert(id, appid, session, given, at);
                    return new UserLogin(new UserAccount(id, appid, session.openid(), session.unionid().orElse(null), given,
                            false, at, at, 1), true);
                } catch (DuplicateKeyException raceOrIdCollision) {
                    // Another request created the same user first, or (rarely) took the same id: update instead.
                }
            }
            current = findByOpenid(appid, session.openid());
        }
        throw new IllegalStateException("could not record the login after " + MAX_ATTEMPTS + " attempts");
    }

    /** {@code user} as {@link #updateOnLogin} leaves it: each value given replaces, each absent one is kept. */
    private static UserAccount afterLogin(UserAccount user, WeChatSession session, UserProfile profile, Instant at) {
        UserProfile p = profile == null ? UserProfile.EMPTY : profile;
        UserProfile old = user.profile();
        UserProfile merged = new UserProfile(keep(p.nickname(), old.nickname()), keep(p.avatarUrl(), old.avatarUrl()),
                keep(p.gender(), old.gender()), keep(p.country(), old.country()), keep(p.province(), old.province()),
                keep(p.city(), old.city()), keep(p.language(), old.language()));
        return new UserAccount(user.id(), user.appid(), user.openid(), session.unionid().orElse(user.unionid()), merged,
                user.disabled(), user.createdAt(), at, user.loginCount() + 1, user.phone());
    }

    private static <T> T keep(T given, T stored) {
        return given != null ? given : stored;
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wx_user WHERE id = ?").param(id).query(UserStore::map).optional();
    }

    public Optional<UserAccount> findByOpenid(String appid, String openid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wx_user WHERE appid = ? AND openid = ?")
                .param(appid).param(openid).query(UserStore::map).optional();
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
     * The users of every app who share this unionid (one person across the mini programs of one
     * Open Platform account), oldest first.
     */
    public List<UserAccount> findByUnionid(String unionid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wx_user WHERE unionid = ? ORDER BY created_at, id")
                .param(unionid).query(UserStore::map).list();
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

    private int updateOnLogin(long id, WeChatSession session, UserProfile profile, Instant now) {
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

    private void insert(long id, String appid, WeChatSession session, UserProfile p, Instant now) {
        withSessionKey(withProfile(jdbc.sql("""
                        INSERT INTO wx_user (id, appid, openid, unionid, nickname, avatar_url, gender, country, province, city,
                            language, session_key, session_key_sealed, session_key_updated_at, disabled, created_at,
                            last_login_at, login_count)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .param(id).param(appid).param(session.openid()).param(session.unionid().orElse(null)), p), id, session)
                .param(Timestamp.from(now))
                .param(false).param(Timestamp.from(now)).param(Timestamp.from(now))
                .update();
    }

    /** Binds {@code session_key} and {@code session_key_sealed}: one of them is set, the other null. */
    private JdbcClient.StatementSpec withSessionKey(JdbcClient.StatementSpec statement, long id, WeChatSession session) {
        String key = session.sessionKey().base64();
        return encryption.enabled()
                ? statement.param(null).param(encryption.seal(sealingContext(id), key))
                : statement.param(key).param(null);
    }

    /** Binds the seven profile fields, in the order of {@link #KEEP_OR_SET_PROFILE} and of the INSERT. */
    private static JdbcClient.StatementSpec withProfile(JdbcClient.StatementSpec statement, UserProfile p) {
        return statement.param(p.nickname()).param(p.avatarUrl()).param(p.gender()).param(p.country())
                .param(p.province()).param(p.city()).param(p.language());
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
                rs.getTimestamp("last_login_at").toInstant(), rs.getLong("login_count"), phone);
    }
}
