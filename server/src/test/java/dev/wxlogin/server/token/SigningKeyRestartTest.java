package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.WxLoginApplication;
import dev.wxlogin.server.app.WeChatApps;

/**
 * The signing key survives a restart: a token issued before the service stopped opens
 * {@code /api/v1/me} after it started again on the same data directory, with the private key sealed
 * by a key-encryption secret in between.
 */
class SigningKeyRestartTest {

    static final String SECRET = "restart-test-key-encryption-secret";

    @Test
    void tokenFromBeforeARestartStillOpensMe() throws Exception {
        String dataDir = "./target/test-data/restart-" + UUID.randomUUID();
        LoggedIn user;
        String kid;
        long keysBefore;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            HttpTestClient client = client(first);
            user = TestLogins.loginNew(client, new SandboxPhone(first.getBean(SandboxWeChat.class).baseUrl()),
                    first.getBean(WeChatApps.class).defaultApp().appid(), "restart");
            kid = SignedJWT.parse(user.accessToken()).getHeader().getKeyID();
            String stored = first.getBean(JdbcClient.class).sql("SELECT private_jwk FROM signing_key WHERE kid = ?")
                    .param(kid).query(String.class).single();
            assertThat(stored).doesNotContain("\"d\"");
            keysBefore = first.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM signing_key").query(Long.class).single();
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            HttpTestClient client = client(second);

            Response me = client.get("/api/v1/me", user.accessToken());

            assertThat(me.status()).as(me.raw()).isEqualTo(200);
            assertThat(me.json().get("id").asLong()).isEqualTo(user.userId());
            List<String> published = new ArrayList<>();
            client.get("/.well-known/jwks.json").json().get("keys").forEach(key -> published.add(key.get("kid").asString()));
            assertThat(published).contains(kid);
            assertThat(client.postJson("/api/v1/token/refresh", Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(200);
            // One key per algorithm (ES256, RS256) from the first start; the restart made none.
            assertThat(keysBefore).isEqualTo(2);
            assertThat(second.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM signing_key").query(Long.class).single()).isEqualTo(keysBefore);
        }
    }

    private static ConfigurableApplicationContext start(String dataDir) {
        // Arguments, not default properties: those rank below application.yml.
        return new SpringApplicationBuilder(WxLoginApplication.class).run(
                "--server.port=0",
                "--wxlogin.sandbox.enabled=true",
                "--wxlogin.sandbox.port=0",
                "--wxlogin.data-dir=" + dataDir,
                "--wxlogin.token.key-encryption-secret=" + SECRET);
    }

    private static HttpTestClient client(ConfigurableApplicationContext context) {
        return new HttpTestClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
