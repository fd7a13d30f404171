package dev.wxlogin.server.phone;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.crypto.Sha256;

/**
 * A phone-code exchange left PENDING by a request that crashed after claiming the code: once it is
 * older than {@code wxlogin.phone.pending-timeout} (1 minute) a retry gets a final answer at once,
 * never a second call to WeChat, and the user binds with a new code. Time is moved by dating the
 * claim back, not by sleeping.
 */
@RedisMatrix
@ServiceTest
class AbandonedPhoneCodeTest {

    @Autowired
    JdbcClient jdbc;

    @Fixture String appid;

    @Test
    void aCodeLeftPendingLongerThanTheTimeoutIsReleasedAndANewCodeBinds(HttpTestClient client, SandboxPhone phone, LoggedIn kay) {
        String crashedCode = phone.phoneCode(appid, kay.user()).code();
        claimedAndCrashed(appid, crashedCode, kay.userId(), Instant.now().minus(Duration.ofMinutes(2)));
        long before = phone.callCount("getuserphonenumber");

        Response retry = client.postJson("/api/v1/me/phone", Map.of("code", crashedCode), kay.accessToken());
        Response again = client.postJson("/api/v1/me/phone", Map.of("code", crashedCode), kay.accessToken());
        Response newCode = client.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(appid, kay.user()).code()),
                kay.accessToken());

        assertError(retry, 400, "PHONE_CODE_ABANDONED");
        assertError(again, 400, "PHONE_CODE_ABANDONED");
        assertThat(newCode.status()).as(newCode.raw()).isEqualTo(200);
        assertThat(phone.callCount("getuserphonenumber") - before).as("the crashed code is never sent again").isEqualTo(1);
    }

    @Test
    void onlyAnExchangeStillPendingAndOlderThanTheCutoffIsReleased() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:exchanges-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        PhoneCodeExchanges exchanges = new PhoneCodeExchanges(JdbcClient.create(dataSource), java.time.Clock.systemUTC());
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        Duration timeout = Duration.ofMinutes(1);
        exchanges.claim("wxapp", "pending-code", 7, t0);
        exchanges.claim("wxapp", "done-code", 7, t0);
        exchanges.succeeded("wxapp", "done-code", "138****5678", "86", t0.plusSeconds(1));

        Instant halfWay = t0.plusSeconds(30);
        assertThat(exchanges.releaseAbandoned("wxapp", "pending-code", halfWay.minus(timeout), "PHONE_CODE_ABANDONED", halfWay)).isFalse();
        Instant later = t0.plusSeconds(61);
        assertThat(exchanges.releaseAbandoned("wxapp", "done-code", later.minus(timeout), "PHONE_CODE_ABANDONED", later)).isFalse();
        assertThat(exchanges.releaseAbandoned("wxapp", "pending-code", later.minus(timeout), "PHONE_CODE_ABANDONED", later)).isTrue();
        assertThat(exchanges.releaseAbandoned("wxapp", "pending-code", later.minus(timeout), "PHONE_CODE_ABANDONED", later))
                .as("released once, by one instance").isFalse();

        PhoneCodeExchanges.Exchange released = exchanges.find("wxapp", "pending-code").orElseThrow();
        assertThat(released.state()).isEqualTo(PhoneCodeExchanges.State.FAILED);
        assertThat(released.errorCode()).isEqualTo("PHONE_CODE_ABANDONED");
        assertThat(exchanges.find("wxapp", "done-code").orElseThrow().state()).isEqualTo(PhoneCodeExchanges.State.DONE);
    }

    /** What a request that crashed after its claim leaves behind. */
    private void claimedAndCrashed(String appid, String code, long userId, Instant claimedAt) {
        jdbc.sql("INSERT INTO phone_code_exchange (appid, code_hash, user_id, state, created_at) VALUES (?, ?, ?, 'PENDING', ?)")
                .param(appid).param(Sha256.hex(code)).param(userId).param(Timestamp.from(claimedAt)).update();
    }
}
