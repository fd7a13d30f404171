package dev.wxlogin.server.account;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.oidc.OidcClients;

/**
 * {@code DELETE /api/v1/me}: afterwards no table holds the user's openid, unionid, nickname or phone
 * number, the avatar file is gone, every token and every browser's sign-in to websites is ended, and
 * the same WeChat user logging in again is a new, empty account.
 */
@RedisMatrix
@ServiceTest
class AccountDeletionTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WxLoginProperties properties;
    @Autowired
    OidcClients websites;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void deletionLeavesNoPersonalDataInAnyTableOrOnDiskAndEndsEveryToken() throws Exception {
        String user = TestUsers.unique("erase");
        String nickname = "Nick" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        String pureNumber = "139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        SandboxPhone.Login login = phone.login(appid, user, Map.of("nickName", nickname), Map.of());
        Response loggedIn = client.postJson("/api/v1/login", Map.of("code", login.code(), "encryptedData", login.encryptedData(),
                "iv", login.iv()));
        assertThat(loggedIn.status()).as(loggedIn.raw()).isEqualTo(200);
        long userId = loggedIn.json().get("user").get("id").asLong();
        String accessToken = loggedIn.json().get("accessToken").asString();
        String refreshToken = loggedIn.json().get("refreshToken").asString();
        Response secondDevice = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, user).code()));
        String otherAccessToken = secondDevice.json().get("accessToken").asString();
        assertThat(client.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(appid, user, pureNumber, "86").code()),
                accessToken).status()).isEqualTo(200);
        Response upload = client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", png(), accessToken);
        assertThat(upload.status()).as(upload.raw()).isEqualTo(200);
        String avatarUrl = upload.json().get("avatarUrl").asString();
        Path avatarFile = properties.avatar().dir().resolve(avatarUrl.substring("/avatars/".length()));
        assertThat(avatarFile).exists();
        List<String> personal = List.of(login.openid(), login.unionid(), nickname, pureNumber);
        assertThat(login.unionid()).isNotBlank();
        assertThat(tablesContaining(personal)).as("personal data before the deletion").isNotEmpty();

        Response deleted = client.delete("/api/v1/me", accessToken);

        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
        assertThat(tablesContaining(personal)).as("tables still holding the user's data").isEmpty();
        assertThat(tablesWithRowsOf(userId)).as("every feature erased its rows of the user").containsOnly("audit_event");
        assertThat(avatarFile).doesNotExist();
        assertThat(client.getBytes(avatarUrl).statusCode()).isEqualTo(404);
        assertError(client.get("/api/v1/me", accessToken), 401, "USER_NOT_FOUND");
        assertError(client.get("/api/v1/me/sessions", otherAccessToken), 401, "USER_NOT_FOUND");
        assertError(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", refreshToken)), 401, "REFRESH_TOKEN_INVALID");
        // The audit log keeps the user id and the fact, nothing that says where the user was.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE user_id = ? AND event_type = 'ACCOUNT_DELETE'")
                .param(userId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE user_id = ? AND (client_address IS NOT NULL OR user_agent IS NOT NULL)")
                .param(userId).query(Long.class).single()).isZero();

        Response again = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, user).code()));
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.json().get("newUser").asBoolean()).isTrue();
        assertThat(again.json().get("user").get("id").asLong()).isNotEqualTo(userId);
        assertThat(again.json().get("user").get("nickname").isNull()).isTrue();
        assertError(client.get("/api/v1/me/phone", again.json().get("accessToken").asString()), 404, "PHONE_NOT_BOUND");
    }

    @Test
    void deletionEndsTheUsersSignInsToWebsites() throws Exception {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "erase-web");
        for (int browser = 0; browser < 2; browser++) {
            TestBrowser signingIn = new TestBrowser();
            TestBrowser.registerWebsite(websites, "erase-site");
            signingIn.get(TestBrowser.authorizeUrl("http://127.0.0.1:" + port, "erase-site"));
            signingIn.scanAndApprove("http://127.0.0.1:" + port, client, user);
        }
        assertThat(webSignInsOf(user.userId())).isEqualTo(2);

        assertThat(client.delete("/api/v1/me", user.accessToken()).status()).isEqualTo(204);

        assertThat(webSignInsOf(user.userId())).isZero();
        assertThat(tablesWithRowsOf(user.userId())).as("every feature erased its rows of the user").containsOnly("audit_event");
    }

    @Test
    void deletionNeedsTheUsersOwnToken() {
        assertError(client.send(client.request("/api/v1/me").DELETE()), 401, "TOKEN_MISSING");
    }

    private long webSignInsOf(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM web_sign_in WHERE user_id = ?").param(userId).query(Long.class).single();
    }

    /**
     * The tables (lower case) with a row of the user: by a {@code user_id} column, or a
     * {@code principal_name} (the OpenID Connect authorizations and consents).
     */
    private List<String> tablesWithRowsOf(long userId) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet columns = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (columns.next()) {
                    String table = columns.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                    String column = columns.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT);
                    if ((column.equals("user_id") || column.equals("principal_name")) && !table.startsWith("flyway")
                            && jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")
                                    .param(column.equals("user_id") ? (Object) userId : Long.toString(userId))
                                    .query(Long.class).single() > 0) {
                        found.add(table);
                    }
                }
            }
        }
        return found;
    }

    /** Every table and column (as table.column) holding one of {@code values}. */
    private List<String> tablesContaining(List<String> values) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("tables").anyMatch(t -> t.equalsIgnoreCase("wx_user")).anyMatch(t -> t.equalsIgnoreCase("audit_event"));
            String quote = meta.getIdentifierQuoteString().strip();
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            String value = rows.getString(c);
                            if (value != null && values.stream().anyMatch(value::contains)) {
                                found.add(table + "." + columns.getColumnName(c));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
