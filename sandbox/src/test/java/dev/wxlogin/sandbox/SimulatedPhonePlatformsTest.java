package dev.wxlogin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.gateway.AlipayClientSettings;
import dev.wxlogin.alipay.gateway.AlipayGatewayClient;
import dev.wxlogin.alipay.oauth.AlipayOauthToken;
import dev.wxlogin.alipay.oauth.OauthTokenClient;
import dev.wxlogin.sandbox.alipay.AlipayDemoApp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated phone's one login entry point on every platform ({@code "platform"} in
 * {@code POST /sandbox/phone/login}), and the platforms' APIs each serving only their own apps.
 */
class SimulatedPhonePlatformsTest {

    private static final String WECHAT_APPID = SandboxApp.DEFAULT_APPID;
    private static final String DOUYIN_APPID = SandboxApp.DEFAULT_DOUYIN_APPID;
    private static final String QQ_APPID = SandboxApp.DEFAULT_QQ_APPID;

    private final SandboxWeChat sandbox;
    private final SandboxPhone phone;
    private final HttpClient http = HttpClient.newHttpClient();

    SimulatedPhonePlatformsTest() throws IOException {
        sandbox = SandboxWeChat.start(SandboxSettings.of(
                SandboxApp.douyin(DOUYIN_APPID, "douyin-secret", true),
                new SandboxApp(WECHAT_APPID, "wechat-secret", true),
                SandboxApp.qq(QQ_APPID, "qq-secret", true)));
        phone = new SandboxPhone(sandbox.baseUrl());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void withoutPlatformThePhoneIsWeChatsAndNamesTheFirstWeChatApp() {
        JsonNode reply = post("/sandbox/phone/login", "{\"user\":\"alice\"}").body();

        assertThat(reply.get("platform").asString()).isEqualTo("wechat");
        assertThat(reply.get("appid").asString()).isEqualTo(WECHAT_APPID);
        assertThat(reply.get("openid").asString()).startsWith("o").hasSize(28);
        assertThat(reply.has("anonymousCode")).isFalse();
    }

    @Test
    void eachPlatformsLoginNamesItsDemoAppAndGivesItsOwnShapes() {
        SandboxPhone.Login douyin = phone.login(SandboxPlatform.DOUYIN, "alice");
        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, "alice");

        assertThat(douyin.appid()).isEqualTo(DOUYIN_APPID);
        assertThat(douyin.code()).isNotBlank();
        assertThat(douyin.anonymousCode()).isNotBlank();
        assertThat(douyin.openid()).startsWith("_000");
        assertThat(douyin.userInfo().has("openId")).isFalse();
        assertThat(douyin.userInfo().get("nickName").asString()).isEqualTo("抖音用户");
        assertThat(qq.appid()).isEqualTo(QQ_APPID);
        assertThat(qq.openid()).matches("[0-9A-F]{32}");
        assertThat(qq.userInfo().get("openId").asString()).isEqualTo(qq.openid());
    }

    @Test
    void oneUsersUnionidDiffersFromPlatformToPlatform() {
        String onWeChat = phone.login(WECHAT_APPID, "alice").unionid();
        String onDouyin = phone.login(SandboxPlatform.DOUYIN, "alice").unionid();
        String onQq = phone.login(SandboxPlatform.QQ, "alice").unionid();

        assertThat(onWeChat).isNotEqualTo(onDouyin).isNotEqualTo(onQq);
        assertThat(onDouyin).isNotEqualTo(onQq).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void douyinUserNotLoggedInToTheDouyinAppGetsOnlyAnAnonymousCode() {
        SandboxPhone.Login login = phone.douyinLogin(null, "alice", "alices-phone", false);

        assertThat(login.code()).isNull();
        assertThat(login.encryptedData()).isNull();
        assertThat(login.anonymousCode()).isNotBlank();
        assertThat(login.anonymousOpenid()).isEqualTo(phone.douyinLogin(null, "bob", "alices-phone", true).anonymousOpenid());
    }

    @Test
    void unknownPlatformIsA400NamingThePlatforms() {
        Answer answer = post("/sandbox/phone/login", "{\"platform\":\"baidu\",\"user\":\"alice\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asString()).isEqualTo("platform must be one of wechat, douyin, alipay, qq");
        assertThat(post("/sandbox/phone/login", "{\"platform\":7,\"user\":\"alice\"}").status()).isEqualTo(400);
        assertThat(post("/sandbox/phone/login", "{\"platform\":\"QQ\",\"user\":\"alice\"}").status()).isEqualTo(400);
    }

    @Test
    void alipaysPhoneAnswersAtTheOneEntryPointAndItsCodeServesAtTheGatewayUnderAlipaysPrefix() throws IOException {
        Answer login = post("/sandbox/phone/login", "{\"platform\":\"alipay\",\"user\":\"alice\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().get("appid").asString()).isEqualTo(AlipayDemoApp.DEMO_APP_ID);
        assertThat(login.body().get("platform").asString()).isEqualTo("alipay");

        OauthTokenClient oauth = new OauthTokenClient(new AlipayGatewayClient(
                AlipayClientSettings.defaults(URI.create(sandbox.baseUrl(SandboxPlatform.ALIPAY) + "/gateway.do"))));
        AlipayOauthToken token = oauth.exchange(sandbox.alipay().demoApp().toAlipayApp(), login.body().get("code").asString());
        assertThat(token.subject()).isEqualTo(login.body().get("openid").asString());

        Answer unknownApp = post("/sandbox/phone/login", "{\"platform\":\"alipay\",\"appid\":\"2021000000000999\",\"user\":\"alice\"}");
        assertThat(unknownApp.status()).isEqualTo(400);
        assertThat(unknownApp.body().get("error").asString()).contains("2021000000000999");
    }

    @Test
    void platformWithoutAnAppIsA400() throws IOException {
        try (SandboxWeChat weChatOnly = SandboxWeChat.start(SandboxSettings.of(new SandboxApp(WECHAT_APPID, "s", true)))) {
            assertThatThrownBy(() -> new SandboxPhone(weChatOnly.baseUrl()).login(SandboxPlatform.DOUYIN, "alice"))
                    .hasMessageContaining("400").hasMessageContaining("the sandbox serves no douyin app");
        }
    }

    @Test
    void anotherPlatformsAppidIsA400() {
        assertThatThrownBy(() -> phone.login(SandboxPlatform.DOUYIN, QQ_APPID, "alice", Map.of(), Map.of()))
                .hasMessageContaining("400").hasMessageContaining("is a qq app, not douyin");
        assertThatThrownBy(() -> phone.login(DOUYIN_APPID, "alice"))
                .hasMessageContaining("400").hasMessageContaining("is a douyin app, not wechat");
    }

    @Test
    void douyinsApiAnswersItsOwnShapeForBadParameters() {
        Answer notJson = post("/douyin/api/apps/v2/jscode2session", "appid=x");
        Answer noCode = post("/douyin/api/apps/v2/jscode2session",
                "{\"appid\":\"" + DOUYIN_APPID + "\",\"secret\":\"douyin-secret\",\"code\":\"\"}");

        assertThat(notJson.status()).isEqualTo(200);
        assertThat(notJson.contentType()).startsWith("application/json");
        assertThat(notJson.body().get("err_no").asInt()).isEqualTo(40014);
        assertThat(noCode.body().get("err_no").asInt()).isEqualTo(40014);
        assertThat(noCode.body().get("err_tips").asString()).isEqualTo("bad params");
        assertThat(noCode.body().path("data").path("openid").asString()).isEmpty();
    }

    @Test
    void eachPlatformsApiRefusesTheOthersApps() {
        String qqCode = phone.login(SandboxPlatform.QQ, "alice").code();

        JsonNode atWeChat = get("/sns/jscode2session?appid=" + QQ_APPID + "&secret=qq-secret&js_code=" + qqCode
                + "&grant_type=authorization_code");
        JsonNode atQq = get("/qq/sns/jscode2session?appid=" + WECHAT_APPID + "&secret=wechat-secret&js_code=x"
                + "&grant_type=authorization_code");
        JsonNode atDouyin = post("/douyin/api/apps/v2/jscode2session",
                "{\"appid\":\"" + QQ_APPID + "\",\"secret\":\"qq-secret\",\"code\":\"x\"}").body();

        assertThat(atWeChat.get("errcode").asInt()).isEqualTo(40013);
        assertThat(atQq.get("errcode").asInt()).isEqualTo(40013);
        assertThat(atDouyin.get("err_no").asInt()).isEqualTo(40015);
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }

    private Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery)).GET().build()).body();
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    JsonMapper.builder().build().readTree(response.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
