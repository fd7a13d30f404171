package dev.wxlogin.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.SandboxPhone;
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

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(LOGINS);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < LOGINS; i++) {
            String code = logins.get(i).code();
            answers.add(pool.submit(() -> {
                start.await();
                return client.postJson("/api/v1/login", Map.of("code", code));
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        Set<Long> userIds = new HashSet<>();
        int created = 0;
        for (Future<Response> answer : answers) {
            Response response = answer.get();
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
