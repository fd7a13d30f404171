package dev.wxlogin.server.admin;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Makes sure an operator can log in to the console: creates the admin named by
 * {@code WXLOGIN_ADMIN_USERNAME}/{@code WXLOGIN_ADMIN_PASSWORD} when it does not exist yet (an
 * existing admin's password is never overwritten). In sandbox mode without them and without any
 * admin, creates {@code admin} with a generated password and prints it once, in the log.
 */
class FirstAdmin implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    /** The sandbox's generated admin. */
    static final String SANDBOX_USERNAME = "admin";

    private final AdminAccounts accounts;
    private final AdminProperties properties;
    private final boolean sandbox;

    FirstAdmin(AdminAccounts accounts, AdminProperties properties, boolean sandbox) {
        this.accounts = accounts;
        this.properties = properties;
        this.sandbox = sandbox;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.username() != null) {
            if (accounts.create(properties.username(), properties.password())) {
                LOG.info("Admin '{}' created from WXLOGIN_ADMIN_USERNAME/WXLOGIN_ADMIN_PASSWORD", properties.username());
            }
            return;
        }
        if (accounts.any()) {
            return;
        }
        if (!sandbox) {
            LOG.info("No admin yet: set WXLOGIN_ADMIN_USERNAME and WXLOGIN_ADMIN_PASSWORD to open the console at /admin");
            return;
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (accounts.create(SANDBOX_USERNAME, password)) {
            // Printed once: only its hash is stored. A sandbox is a developer's own machine.
            LOG.warn("""

                    ****************************************************************************
                    *  SANDBOX MODE admin console: /admin  username: {}  password: {}
                    *  (generated once; set WXLOGIN_ADMIN_USERNAME/WXLOGIN_ADMIN_PASSWORD instead)
                    ****************************************************************************""",
                    SANDBOX_USERNAME, password);
        }
    }
}
