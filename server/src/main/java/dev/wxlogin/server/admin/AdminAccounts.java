package dev.wxlogin.server.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The admins, in {@code admin_account}: a username and a password hash. Also what the admin chain's
 * form login looks admins up in, and where it stores a re-encoded hash after a login with an
 * outdated encoding. Deliberately not a {@link UserDetailsService} bean: nothing but the admin chain
 * may authenticate against admins.
 */
public class AdminAccounts {

    /** The one authority every admin has. */
    public static final String ROLE = "ADMIN";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    /** The encoder the hashes are made with. */
    PasswordEncoder encoder() {
        return encoder;
    }
    private final Clock clock;

    AdminAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * Creates an admin.
     *
     * @return false when the username is taken
     */
    public boolean create(String username, String rawPassword) {
        if (rawPassword.length() < AdminProperties.MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("admin passwords have at least " + AdminProperties.MIN_PASSWORD_LENGTH + " characters");
        }
        try {
            jdbc.sql("INSERT INTO admin_account (username, password_hash, created_at) VALUES (?, ?, ?)")
                    .param(username).param(encoder.encode(rawPassword)).param(Timestamp.from(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Whether there is any admin. */
    public boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM admin_account").query(Long.class).single() > 0;
    }

    /** The admins' usernames, in order. */
    public List<String> usernames() {
        return jdbc.sql("SELECT username FROM admin_account ORDER BY username").query(String.class).list();
    }

    /** Notes a successful console login. */
    public void recordLogin(String username) {
        jdbc.sql("UPDATE admin_account SET last_login_at = ? WHERE username = ?")
                .param(Timestamp.from(clock.instant())).param(username).update();
    }

    /** For the admin chain's form login. */
    UserDetailsService userDetails() {
        return this::loadUserByUsername;
    }

    /** For the admin chain's form login: stores a hash re-encoded after a login. */
    UserDetailsPasswordService passwordUpgrades() {
        return this::updatePassword;
    }

    /** The admin as Spring Security sees them. */
    UserDetails loadUserByUsername(String username) {
        Optional<String> hash = jdbc.sql("SELECT password_hash FROM admin_account WHERE username = ?")
                .param(username).query(String.class).optional();
        return hash.map(h -> User.withUsername(username).password(h).authorities(AuthorityUtils.createAuthorityList("ROLE_" + ROLE)).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such admin"));
    }

    private UserDetails updatePassword(UserDetails user, String newPassword) {
        jdbc.sql("UPDATE admin_account SET password_hash = ? WHERE username = ?").param(newPassword).param(user.getUsername()).update();
        return User.withUserDetails(user).password(newPassword).build();
    }
}
