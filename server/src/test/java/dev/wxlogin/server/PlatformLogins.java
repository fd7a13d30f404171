package dev.wxlogin.server;

import java.net.http.HttpRequest;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.sandbox.alipay.AlipayDemoApp;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.app.Platform;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users of the QQ, Douyin and Alipay demo apps, logged in as their mini programs do: the sandbox's phone
 * logs the user in on the platform and the page's code goes to {@code POST /api/v1/login} with the app's
 * id. WeChat users log in through {@link TestLogins}.
 */
public final class PlatformLogins {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxPhone phone;
    private final HttpTestClient client;

    public PlatformLogins(ApplicationContext service) {
        this.phone = new SandboxPhone(service.getBean(SandboxWeChat.class).baseUrl());
        this.client = new HttpTestClient(service.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class));
    }

    /** The demo app of a platform other than WeChat. */
    public static String demoAppid(Platform platform) {
        return switch (platform) {
            case DOUYIN -> SandboxApp.DEFAULT_DOUYIN_APPID;
            case QQ -> SandboxApp.DEFAULT_QQ_APPID;
            case ALIPAY -> AlipayDemoApp.DEMO_APP_ID;
            case WECHAT -> throw new IllegalArgumentException("WeChat users log in through the service: TestLogins");
        };
    }

    /** Logs {@code user} in to the platform's demo app (again: a new session key on Douyin and QQ). */
    public LoggedIn login(Platform platform, String user) {
        Map<String, String> body = switch (platform) {
            case DOUYIN -> {
                SandboxPhone.Login login = phone.douyinLogin(null, user, "device-" + user, true);
                yield Map.of("platform", "douyin", "code", login.code(), "anonymousCode", login.anonymousCode());
            }
            case QQ -> Map.of("platform", "qq", "code", phone.login(SandboxPlatform.QQ, user).code());
            case ALIPAY -> Map.of("platform", "alipay", "authCode", phone.login(SandboxPlatform.ALIPAY, user).code());
            case WECHAT -> throw new IllegalArgumentException("WeChat users log in through the service: TestLogins");
        };
        Response answer = client.send(client.request("/api/v1/login").header("Content-Type", "application/json")
                .header(AppSelector.HEADER, demoAppid(platform)).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        if (answer.status() != 200) {
            throw new IllegalStateException(platform.wireName() + " login of " + user + " failed: " + answer.raw());
        }
        return new LoggedIn(user, answer.json().get("user").get("id").asLong(), answer.json().get("user").get("openid").asString(),
                answer.json().get("accessToken").asString(), answer.json().get("refreshToken").asString());
    }

    /** A new user of the platform's demo app. */
    public LoggedIn loginNew(Platform platform, String prefix) {
        return login(platform, TestUsers.unique(prefix));
    }

    /** The sandbox's phone these users log in with. */
    public SandboxPhone phone() {
        return phone;
    }
}
