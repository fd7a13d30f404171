package dev.wxlogin.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.WxLoginApplication;
import dev.wxlogin.server.app.WeChatApps;

/**
 * The database goes away under a running service (an H2 server over TCP, stopped mid-test):
 * requests get 503 DATABASE_UNAVAILABLE, health says DOWN, and service resumes when it is back.
 */
class DatabaseOutageTest {

    private Server database;
    private ConfigurableApplicationContext service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void outageIsAnswered503AndServiceResumesAfterIt() throws Exception {
        int dbPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            dbPort = socket.getLocalPort();
        }
        Path dir = Path.of("target/test-data/outage-" + UUID.randomUUID()).toAbsolutePath();
        database = startDatabase(dbPort, dir);
        service = new SpringApplicationBuilder(WxLoginApplication.class).run(
                "--server.port=0",
                "--wxlogin.sandbox.enabled=true",
                "--wxlogin.sandbox.port=0",
                "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + dbPort + "/wxlogin",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.datasource.hikari.validation-timeout=500");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpTestClient client = new HttpTestClient(port);
        SandboxPhone phone = new SandboxPhone(service.getBean(SandboxWeChat.class).baseUrl());
        String appid = service.getBean(WeChatApps.class).defaultApp().appid();

        assertThat(client.postJson("/api/v1/login", Map.of("code", phone.login(appid, "before").code())).status()).isEqualTo(200);

        database.stop();
        Response during = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, "during").code()));
        Response legacyDuring = client.postJson("/user/wxlogin", Map.of("platCode", phone.login(appid, "during2").code()));
        Response health = client.get("/actuator/health");

        assertThat(during.status()).as(during.raw()).isEqualTo(503);
        assertThat(during.json().get("code").asString()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(during.header("Retry-After")).isEqualTo("1");
        assertThat(during.raw()).doesNotContain("jdbc:").doesNotContain("Exception");
        assertThat(legacyDuring.status()).isEqualTo(503);
        assertThat(legacyDuring.json().get("code").asInt()).isEqualTo(503);
        assertThat(health.status()).isEqualTo(503);

        database = startDatabase(dbPort, dir);
        // Pooled connections broke with the server. Hikari re-validates a connection idle for over
        // 500 ms before lending it, so pausing longer than that lets the pool replace them.
        Response after = null;
        for (int attempt = 0; attempt < 20 && (after == null || after.status() != 200); attempt++) {
            after = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, "after").code()));
            if (after.status() != 200) {
                assertThat(after.status()).as(after.raw()).isEqualTo(503);
                Thread.sleep(700);
            }
        }
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
    }

    private static Server startDatabase(int port, Path dir) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", dir.toString()).start();
    }
}
