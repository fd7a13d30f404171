package dev.wxlogin.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.AtOnce;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;

/** Many first logins of one user at the same moment leave exactly one row. */
@DatabaseMatrix
@ServiceTest
class ConcurrentFirstLoginTest {

    private static final int LOGINS = 50;

    @Autowired
    JdbcClient jdbc;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void fiftyParallelFirstLoginsOfOneUserLeaveOneRow() throws Exception {
        String user = TestUsers.unique("crowd");
        List<SandboxPhone.Login> logins = new ArrayList<>();
        for (int i = 0; i < LOGINS; i++) {
            logins.add(phone.login(appid, user));
        }
        String openid = logins.get(0).openid();

        List<Response> answers = AtOnce.run(LOGINS, i -> client.postJson("/api/v1/login", Map.of("code", logins.get(i).code())));

        Set<Long> userIds = new HashSet<>();
        int created = 0;
        for (Response response : answers) {
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            userIds.add(response.json().get("user").get("id").asLong());
            created += response.json().get("newUser").asBoolean() ? 1 : 0;
        }
        long rows = jdbc.sql("SELECT COUNT(*) FROM wx_user WHERE appid = ? AND openid = ?")
                .param(appid).param(openid).query(Long.class).single();
        long loginCount = jdbc.sql("SELECT login_count FROM wx_user WHERE appid = ? AND openid = ?")
                .param(appid).param(openid).query(Long.class).single();

        assertThat(rows).isEqualTo(1);
        assertThat(loginCount).isEqualTo(LOGINS);
        assertThat(userIds).hasSize(1);
        assertThat(created).as("exactly one of the logins created the user").isEqualTo(1);
    }
}
