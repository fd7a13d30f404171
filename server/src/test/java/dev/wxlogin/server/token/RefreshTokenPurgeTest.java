package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.ServiceTest;

/** Expired refresh tokens are deleted, live ones kept: the table does not grow with every refresh ever made. */
@ServiceTest
class RefreshTokenPurgeTest {

    @Autowired
    RefreshTokenStore tokens;
    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredTokensAreDeletedAndLiveOnesKept() {
        long userId = 4242;
        RefreshToken expired = tokens.issue(userId);
        RefreshToken live = tokens.issue(userId);
        jdbc.sql("UPDATE refresh_token SET expires_at = ? WHERE token_hash = ?")
                .param(Timestamp.from(Instant.now().minusSeconds(3600))).param(RefreshTokenStore.hash(expired.value())).update();

        int deleted = tokens.deleteExpiredBefore(Instant.now());

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(rows(expired)).isZero();
        assertThat(rows(live)).isEqualTo(1);
    }

    private long rows(RefreshToken token) {
        return jdbc.sql("SELECT COUNT(*) FROM refresh_token WHERE token_hash = ?")
                .param(RefreshTokenStore.hash(token.value())).query(Long.class).single();
    }
}
