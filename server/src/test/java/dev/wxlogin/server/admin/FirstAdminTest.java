package dev.wxlogin.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.wxlogin.server.crypto.SecretHashing;

/**
 * The first admin: from the two variables when missing (never overwriting an existing password),
 * or in sandbox mode a generated password printed once; on the admin table of the V13 migration in
 * an H2 database of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

    private static final Pattern PRINTED = Pattern.compile("username: admin {2}password: (\\S+)");

    PasswordEncoder encoder = SecretHashing.standard().encoder();
    JdbcClient jdbc;
    AdminAccounts accounts;

    @BeforeEach
    void emptyAdminTable() throws IOException {
        jdbc = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:first-admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        String migration = new ClassPathResource("db/migration/V13__admin_accounts.sql").getContentAsString(StandardCharsets.UTF_8);
        for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }
        accounts = new AdminAccounts(jdbc, encoder, Clock.systemUTC());
    }

    @Test
    void sandboxModeWithoutVariablesGeneratesAPasswordPrintedOnceAndStoresOnlyItsHash(CapturedOutput output) {
        new FirstAdmin(accounts, properties(null, null), true).run(null);
        Matcher printed = PRINTED.matcher(output.getOut());
        assertThat(printed.find()).as(output.getOut()).isTrue();
        String password = printed.group(1);
        String stored = passwordHash(FirstAdmin.SANDBOX_USERNAME);
        // SecretHashing.standard(): bcrypt at cost 10 (the service tests run at cost 4, ServiceTestSettings).
        assertThat(stored).startsWith("{bcrypt}$2a$10$").doesNotContain(password);
        assertThat(encoder.matches(password, stored)).isTrue();

        new FirstAdmin(accounts, properties(null, null), true).run(null);
        assertThat(PRINTED.matcher(output.getOut()).results().count()).as("printed once").isEqualTo(1);
    }

    @Test
    void withoutVariablesOutsideTheSandboxNoAdminIsCreated(CapturedOutput output) {
        new FirstAdmin(accounts, properties(null, null), false).run(null);
        assertThat(accounts.any()).isFalse();
        assertThat(output.getOut()).contains("WXLOGIN_ADMIN_USERNAME");
    }

    @Test
    void theConfiguredAdminIsCreatedOnceAndItsPasswordNeverOverwritten() {
        new FirstAdmin(accounts, properties("ops", "first-password-long"), true).run(null);
        assertThat(accounts.usernames()).containsExactly("ops");
        assertThat(encoder.matches("first-password-long", passwordHash("ops"))).isTrue();

        new FirstAdmin(accounts, properties("ops", "second-password-long"), false).run(null);
        assertThat(encoder.matches("first-password-long", passwordHash("ops"))).isTrue();
        assertThat(accounts.loadUserByUsername("ops").getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
    }

    @Test
    void aPasswordShorterThanTwelveCharactersOrOnlyOneVariableIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> properties("ops", "short"));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> properties("ops", null));
        assertThat(properties("ops", "long-enough-password").toString()).doesNotContain("long-enough-password");
    }

    private String passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM admin_account WHERE username = ?").param(username).query(String.class).single();
    }

    private static AdminProperties properties(String username, String password) {
        return new AdminProperties(username, password, 5, Duration.ofMinutes(5));
    }
}
