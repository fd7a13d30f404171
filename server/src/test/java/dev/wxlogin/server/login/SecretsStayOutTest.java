package dev.wxlogin.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.app.WeChatApps;

/** The session_key and the app secret appear in no response and no log line, on success or failure. */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutTest {

    @LocalServerPort
    int port;
    @Autowired
    SandboxWeChat sandbox;
    @Autowired
    WeChatApps apps;
    @Autowired
    UserStore users;

    @Test
    void sessionKeyAndSecretNeverLeave(CapturedOutput output) {
        HttpTestClient client = new HttpTestClient(port);
        SandboxPhone phone = new SandboxPhone(sandbox.baseUrl());
        String user = TestUsers.unique("quiet");
        SandboxPhone.Login login = phone.login(apps.defaultApp().appid(), user, Map.of("nickName", "Q"), Map.of());

        Response ok = client.postJson("/api/v1/login", Map.of("code", login.code(), "encryptedData", login.encryptedData(),
                "iv", login.iv(), "rawData", login.rawData(), "signature", login.signature()));
        Response legacy = client.postJson("/user/wxlogin", Map.of("platCode", phone.login(apps.defaultApp().appid(), user).code()));
        SandboxPhone.Login stale = phone.login(apps.defaultApp().appid(), user);
        Response failed = client.postJson("/api/v1/login", Map.of("code", phone.login(apps.defaultApp().appid(), user).code(),
                "encryptedData", stale.encryptedData(), "iv", stale.iv()));
        phone.fault("jscode2session", Fault.html502(), 1);
        Response upstream = client.postJson("/api/v1/login", Map.of("code", "x"));

        long id = ok.json().get("user").get("id").asLong();
        String sessionKey = users.sessionKey(id).orElseThrow().base64();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(failed.status()).isEqualTo(400);
        assertThat(upstream.status()).isEqualTo(502);
        for (Response response : new Response[] {ok, legacy, failed, upstream}) {
            assertThat(response.raw()).doesNotContain(sessionKey).doesNotContain(apps.defaultApp().secret());
        }
        assertThat(output.getAll()).doesNotContain(sessionKey).doesNotContain(apps.defaultApp().secret());
    }
}
