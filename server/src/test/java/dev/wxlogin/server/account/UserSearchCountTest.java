package dev.wxlogin.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.user.UserAccount;

/**
 * A search counts its matches up to {@link UserDirectory#COUNT_LIMIT} and says when more match, so that
 * a blank or common query answers at once among millions of users; the pages themselves are unchanged.
 */
@DatabaseMatrix
@ServiceTest
class UserSearchCountTest {

    @Autowired
    UserDirectory directory;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void matchesAreCountedUpToTheLimitAndMoreAreFlagged() {
        String marker = "cnt" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        long firstId = ThreadLocalRandom.current().nextLong(1L << 50, 1L << 52);
        insertUsers(marker, firstId, UserDirectory.COUNT_LIMIT + 1);

        UserSearchPage many = directory.search(marker, null, 0, 20);
        UserSearchPage exact = directory.search(marker + "o7", null, 0, 20);

        assertThat(many.total()).isEqualTo(UserDirectory.COUNT_LIMIT);
        assertThat(many.totalCapped()).isTrue();
        assertThat(many.users()).hasSize(20).allSatisfy(user -> assertThat(user.profile().nickname()).contains(marker));
        assertThat(exact.total()).isEqualTo(1);
        assertThat(exact.totalCapped()).isFalse();
        assertThat(exact.users()).extracting(UserAccount::openid).containsExactly(marker + "o7");
    }

    private void insertUsers(String marker, long firstId, int count) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {firstId + i, "wxcount", marker + "o" + i, marker + "x" + i, now, now});
        }
        jdbc.batchUpdate("INSERT INTO wx_user (id, appid, openid, nickname, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?)", rows);
    }
}
