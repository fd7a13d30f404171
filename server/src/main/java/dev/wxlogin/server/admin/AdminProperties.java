package dev.wxlogin.server.admin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin console's settings.
 *
 * @param username           the first admin, created at start-up when it does not exist ({@code WXLOGIN_ADMIN_USERNAME})
 * @param password           its password ({@code WXLOGIN_ADMIN_PASSWORD}); at least 12 characters
 * @param loginAttempts      console login attempts allowed per username in {@code loginAttemptWindow}
 *                           ({@code WXLOGIN_ADMIN_LOGIN_ATTEMPTS}); four times as many per client address
 * @param loginAttemptWindow the window those attempts refill over ({@code WXLOGIN_ADMIN_LOGIN_WINDOW})
 */
@ConfigurationProperties("wxlogin.admin")
public record AdminProperties(String username, String password, @DefaultValue("5") int loginAttempts,
                              @DefaultValue("5m") Duration loginAttemptWindow) {

    /** The shortest password accepted for an admin. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    public AdminProperties {
        username = username == null || username.isBlank() ? null : username.strip();
        password = password == null || password.isEmpty() ? null : password;
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("set both WXLOGIN_ADMIN_USERNAME and WXLOGIN_ADMIN_PASSWORD, or neither");
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("WXLOGIN_ADMIN_PASSWORD must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (loginAttempts < 1 || loginAttemptWindow.isNegative() || loginAttemptWindow.isZero()) {
            throw new IllegalArgumentException("wxlogin.admin.login-attempts and login-attempt-window must be positive");
        }
    }

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", password=***, loginAttempts=" + loginAttempts
                + ", loginAttemptWindow=" + loginAttemptWindow + "]";
    }
}
