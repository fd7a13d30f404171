package dev.wxlogin.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestDatabase;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.config.EmbeddedDatabaseCompaction;

/**
 * Deleting an account is final on the embedded database: after the compaction (daily, and at every
 * stop) the database file no longer holds the deleted user's openid or nickname, which H2 would
 * otherwise keep in freed space until it happens to reuse it.
 */
@RedisMatrix
@ServiceTest
class AccountErasureTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedDatabaseCompaction compaction;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void afterDeletionAndTheCompactionTheDatabaseFileHoldsNeitherOpenidNorNickname() throws Exception {
        assumeTrue(TestDatabase.selected() == TestDatabase.H2, "the embedded database's file");
        String nickname = "Erasable" + Long.toString(System.nanoTime(), 36);
        SandboxPhone.Login login = phone
                .login(appid, TestUsers.unique("erased"), Map.of("nickName", nickname), Map.of());
        Response loggedIn = client.postJson("/api/v1/login", Map.of("code", login.code(), "encryptedData", login.encryptedData(),
                "iv", login.iv()));
        assertThat(loggedIn.json().get("user").get("nickname").asString()).isEqualTo(nickname);
        jdbc.sql("CHECKPOINT SYNC").update();
        Path file = Path.of(jdbc.sql("CALL DATABASE_PATH()").query(String.class).single() + ".mv.db");
        assertThat(contains(file, nickname)).as("written to the file").isTrue();
        assertThat(contains(file, login.openid())).isTrue();

        assertThat(client.delete("/api/v1/me", loggedIn.json().get("accessToken").asString()).status()).isEqualTo(204);
        assertThat(compaction.compact()).isTrue();

        assertThat(contains(file, nickname)).as("nickname in the file").isFalse();
        assertThat(contains(file, login.openid())).as("openid in the file").isFalse();
        assertThat(client.get("/actuator/health").status()).as("the database opens again").isEqualTo(200);
    }

    /** Whether the file's bytes hold the text's UTF-8 bytes anywhere. */
    private static boolean contains(Path file, String text) throws Exception {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return bytes.contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
}
