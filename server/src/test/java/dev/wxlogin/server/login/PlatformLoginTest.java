package dev.wxlogin.server.login;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.alipay.AlipayDemoApp;
import dev.wxlogin.sandbox.alipay.AlipayGatewayFault;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.RedisMatrix;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.platform.PlatformSession;
import dev.wxlogin.server.ratelimit.AdjustableRateLimits;
import dev.wxlogin.server.ratelimit.RateLimitProperties;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.SessionKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/login} on each of the four platforms, over real sockets against the sandbox's WeChat, Douyin,
 * QQ and Alipay (sandbox mode serves one demo app per platform): users are one per (platform, app, openid), the
 * platform is in the answer, the stored row and the token, and each platform's failures are its own codes.
 */
@RedisMatrix
@ServiceTest
class PlatformLoginTest {

    private static final String DOUYIN = SandboxApp.DEFAULT_DOUYIN_APPID;
    private static final String QQ = SandboxApp.DEFAULT_QQ_APPID;
    private static final String ALIPAY = AlipayDemoApp.DEMO_APP_ID;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    UserStore users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SandboxAlipay alipay;
    @Autowired
    AdjustableRateLimits.Limiter rateLimits;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String weChatAppid;

    @Test
    void aLoginOnEachPlatformCreatesOneUserOfThatPlatform() {
        SandboxPhone.Login weChat = phone.login(weChatAppid, TestUsers.unique("pwechat"));
        SandboxPhone.Login douyin = phone.douyinLogin(null, TestUsers.unique("pdouyin"), TestUsers.unique("device"), true);
        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, TestUsers.unique("pqq"));
        SandboxPhone.Login ali = phone.login(SandboxPlatform.ALIPAY, TestUsers.unique("palipay"));

        Map<Platform, Response> answers = new LinkedHashMap<>();
        answers.put(Platform.WECHAT, login(weChatAppid, Map.of("code", weChat.code())));
        answers.put(Platform.DOUYIN, login(douyin.appid(), Map.of("platform", "douyin", "code", douyin.code(),
                "anonymousCode", douyin.anonymousCode())));
        answers.put(Platform.QQ, login(qq.appid(), Map.of("platform", "qq", "code", qq.code())));
        answers.put(Platform.ALIPAY, login(ali.appid(), Map.of("platform", "alipay", "authCode", ali.code())));
        Map<Platform, String> openids = Map.of(Platform.WECHAT, weChat.openid(), Platform.DOUYIN, douyin.openid(),
                Platform.QQ, qq.openid(), Platform.ALIPAY, ali.openid());

        answers.forEach((platform, answer) -> {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            JsonNode user = answer.json().get("user");
            assertThat(answer.json().get("newUser").asBoolean()).isTrue();
            assertThat(user.get("platform").asString()).isEqualTo(platform.wireName());
            assertThat(user.get("openid").asString()).isEqualTo(openids.get(platform));
            UserAccount stored = users.findById(user.get("id").asLong()).orElseThrow();
            assertThat(stored.platform()).isEqualTo(platform);
            assertThat(rows(platform, user.get("appid").asString(), openids.get(platform))).isEqualTo(1);
            assertThat(claims(answer.json().get("accessToken").asString()).get("plt").asString()).isEqualTo(platform.wireName());
            Response me = client.get("/api/v1/me", answer.json().get("accessToken").asString());
            assertThat(me.status()).as(me.raw()).isEqualTo(200);
            assertThat(me.json().get("platform").asString()).isEqualTo(platform.wireName());
            assertThat(answer.raw()).doesNotContainIgnoringCase("session_key").doesNotContainIgnoringCase("sessionKey");
        });
        assertThat(storedSessionKey(answers.get(Platform.DOUYIN))).as("Douyin's session_key is kept").isTrue();
        assertThat(storedSessionKey(answers.get(Platform.QQ))).as("QQ's session_key is kept").isTrue();
        assertThat(storedSessionKey(answers.get(Platform.ALIPAY))).as("Alipay has none").isFalse();
    }

    @Test
    void aLoginAgainOnAPlatformFindsTheSameUser() {
        String person = TestUsers.unique("pagain");
        SandboxPhone.Login first = phone.login(SandboxPlatform.QQ, person);
        SandboxPhone.Login second = phone.login(SandboxPlatform.QQ, person);

        Response created = login(QQ, Map.of("platform", "qq", "code", first.code()));
        Response again = login(QQ, Map.of("code", second.code()));

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.json().get("newUser").asBoolean()).isFalse();
        assertThat(again.json().get("user").get("id").asLong()).isEqualTo(created.json().get("user").get("id").asLong());
    }

    @Test
    void theSameOpenidOnTwoPlatformsIsTwoUsers() {
        String openid = TestUsers.unique("shared-openid");
        Instant now = Instant.now();
        // One appid names one app in a deployment; the store's key still tells platforms apart.
        UserAccount weChatUser = users.recordLogin(session(Platform.WECHAT, "wxsameopenid", openid, null), null, now, Optional.empty()).user();
        UserAccount qqUser = users.recordLogin(session(Platform.QQ, "wxsameopenid", openid, null), null, now, Optional.empty()).user();

        assertThat(qqUser.id()).isNotEqualTo(weChatUser.id());
        assertThat(users.findByOpenid(Platform.WECHAT, "wxsameopenid", openid)).map(UserAccount::id).contains(weChatUser.id());
        assertThat(users.findByOpenid(Platform.QQ, "wxsameopenid", openid)).map(UserAccount::id).contains(qqUser.id());
        assertThat(users.findByOpenid(Platform.DOUYIN, "wxsameopenid", openid)).isEmpty();
    }

    @Test
    void aUnionidLinksAppsOfOnePlatformOnly() {
        SandboxPhone.Login weChat = phone.login(weChatAppid, TestUsers.unique("punion"));
        Response answer = login(weChatAppid, Map.of("code", weChat.code()));
        String unionid = answer.json().get("user").get("unionid").asString();
        // A Douyin user whose unionid is the same string: another person on another platform.
        UserAccount douyinUser = users.recordLogin(session(Platform.DOUYIN, DOUYIN, TestUsers.unique("dy-openid"), unionid),
                null, Instant.now(), Optional.empty()).user();

        assertThat(users.findByUnionid(Platform.WECHAT, unionid)).extracting(UserAccount::id)
                .containsExactly(answer.json().get("user").get("id").asLong());
        assertThat(users.findByUnionid(Platform.DOUYIN, unionid)).extracting(UserAccount::id).containsExactly(douyinUser.id());
        Response accounts = client.get("/api/v1/me/accounts", answer.json().get("accessToken").asString());
        assertThat(accounts.json().get("accounts")).hasSize(1);
    }

    @Test
    void aPlatformTheAppIsNotOnIsRefusedBeforeAnyCodeIsSpent() {
        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, TestUsers.unique("pmismatch"));
        long calls = phone.callCount("qq.jscode2session");

        assertError(login(QQ, Map.of("platform", "douyin", "code", qq.code())), 400, "PLATFORM_MISMATCH");
        assertError(login(QQ, Map.of("platform", "wechat", "code", qq.code())), 400, "PLATFORM_MISMATCH");
        assertError(login(QQ, Map.of("platform", "tiktok", "code", qq.code())), 400, "INVALID_FIELD");
        assertError(login(QQ, Map.of("authCode", qq.code())), 400, "INVALID_FIELD");
        assertThat(phone.callCount("qq.jscode2session")).isEqualTo(calls);
        assertThat(login(QQ, Map.of("platform", "qq", "code", qq.code())).status()).isEqualTo(200);
    }

    @Test
    void withoutAHeaderTheLoginsPlatformPicksItsOnlyApp() {
        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, TestUsers.unique("pnoheader"));
        Response answer = client.postJson("/api/v1/login", Map.of("platform", "qq", "code", qq.code()));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.json().get("user").get("appid").asString()).isEqualTo(QQ);
    }

    @Test
    void anAlipayLoginRefusesEncryptedDataAndSpendsNoAuthCode() {
        SandboxPhone.Login ali = phone.login(SandboxPlatform.ALIPAY, TestUsers.unique("paliencrypted"));
        long calls = alipay.gateway().callCount();

        assertError(login(ALIPAY, Map.of("authCode", ali.code(), "encryptedData", "AAAA", "iv", "AAAAAAAAAAAAAAAAAAAAAA==")),
                400, "ENCRYPTED_DATA_UNSUPPORTED");
        assertError(login(ALIPAY, Map.of("authCode", ali.code(), "rawData", "{}", "signature", "x")), 400, "ENCRYPTED_DATA_UNSUPPORTED");
        assertThat(alipay.gateway().callCount()).isEqualTo(calls);
        assertThat(login(ALIPAY, Map.of("authCode", ali.code())).status()).isEqualTo(200);
    }

    @Test
    void aDouyinProfileIsDecryptedWithItsSessionKey() {
        String person = TestUsers.unique("pdyprofile");
        SandboxPhone.Login douyin = phone.login(SandboxPlatform.DOUYIN, null, person, Map.of("nickName", "Dou"), Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "douyin");
        body.put("code", douyin.code());
        body.put("encryptedData", douyin.encryptedData());
        body.put("iv", douyin.iv());
        Response answer = login(douyin.appid(), body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.json().get("user").get("nickname").asString()).isEqualTo("Dou");
    }

    @Test
    void anAnonymousDouyinLoginIsRefusedAndCreatesNobody() {
        SandboxPhone.Login anonymous = phone.douyinLogin(null, TestUsers.unique("panon"), TestUsers.unique("device"), false);
        assertThat(anonymous.code()).isNull();
        Response answer = login(DOUYIN, Map.of("platform", "douyin", "anonymousCode", anonymous.anonymousCode()));
        assertError(answer, 401, "DOUYIN_LOGIN_REQUIRED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM wx_user WHERE openid = ?").param(anonymous.anonymousOpenid() == null ? "-"
                : anonymous.anonymousOpenid()).query(Long.class).single()).isZero();
    }

    @Test
    void eachPlatformsFailuresAreItsOwnCodes() {
        SandboxPhone.Login douyin = phone.douyinLogin(null, TestUsers.unique("pfail"), TestUsers.unique("device"), true);
        assertThat(login(DOUYIN, Map.of("code", douyin.code())).status()).isEqualTo(200);
        assertError(login(DOUYIN, Map.of("code", douyin.code())), 401, "DOUYIN_CODE_INVALID");
        SandboxPhone.Login busy = phone.douyinLogin(null, TestUsers.unique("pfail"), TestUsers.unique("device"), true);
        phone.fault("douyin.jscode2session", Fault.errcode(-1), 1);
        assertError(login(DOUYIN, Map.of("code", busy.code())), 503, "DOUYIN_BUSY");
        phone.fault("douyin.jscode2session", Fault.html502(), 1);
        assertError(login(DOUYIN, Map.of("code", busy.code())), 502, "DOUYIN_BAD_RESPONSE");

        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, TestUsers.unique("pfail"));
        phone.fault("qq.jscode2session", Fault.errcode(-1), 1);
        assertError(login(QQ, Map.of("code", qq.code())), 503, "QQ_BUSY");
        phone.fault("qq.jscode2session", Fault.html502(), 1);
        assertError(login(QQ, Map.of("code", qq.code())), 502, "QQ_BAD_RESPONSE");
        assertThat(login(QQ, Map.of("code", qq.code())).status()).isEqualTo(200);
        assertError(login(QQ, Map.of("code", qq.code())), 401, "QQ_CODE_INVALID");

        SandboxPhone.Login ali = phone.login(SandboxPlatform.ALIPAY, TestUsers.unique("pfail"));
        alipay.gateway().addFault(AlipayGatewayFault.SYSTEM_BUSY);
        assertError(login(ALIPAY, Map.of("authCode", ali.code())), 503, "ALIPAY_BUSY");
        alipay.gateway().addFault(AlipayGatewayFault.TAMPERED_ANSWER);
        assertError(login(ALIPAY, Map.of("authCode", ali.code())), 502, "ALIPAY_RESPONSE_UNVERIFIED");
        SandboxPhone.Login used = phone.login(SandboxPlatform.ALIPAY, TestUsers.unique("pfail"));
        assertThat(login(ALIPAY, Map.of("authCode", used.code())).status()).isEqualTo(200);
        assertError(login(ALIPAY, Map.of("authCode", used.code())), 401, "ALIPAY_CODE_INVALID");

        assertError(login(DOUYIN, Map.of("platform", "douyin")), 400, "CODE_MISSING");
        assertError(login(ALIPAY, Map.of("platform", "alipay")), 400, "CODE_MISSING");
    }

    @Test
    void theLoginRateLimitsApplyOnEveryPlatform() {
        rateLimits.set(new RateLimitProperties(0, 1, 0, 0, 0, 0, 0, 0));
        String person = TestUsers.unique("prate");
        assertThat(login(QQ, Map.of("code", phone.login(SandboxPlatform.QQ, person).code())).status()).isEqualTo(200);
        assertError(login(QQ, Map.of("code", phone.login(SandboxPlatform.QQ, person).code())), 429, "RATE_LIMITED");
    }

    @Test
    void theCompatibleLoginStaysWeChatOnly() {
        SandboxPhone.Login qq = phone.login(SandboxPlatform.QQ, TestUsers.unique("plegacy"));
        Response answer = client.send(client.request("/user/wxlogin").header("Content-Type", "application/json")
                .header(AppSelector.HEADER, QQ)
                .POST(HttpRequest.BodyPublishers.ofString("{\"platCode\":\"" + qq.code() + "\"}")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asString()).isEqualTo("APP_UNKNOWN");
    }

    @Test
    void theWeChatSessionCheckRefusesOtherPlatformsClearly() {
        Response qq = login(QQ, Map.of("code", phone.login(SandboxPlatform.QQ, TestUsers.unique("pcheck")).code()));
        assertError(client.get("/api/v1/wx/session", qq.json().get("accessToken").asString()), 400, "PLATFORM_UNSUPPORTED");
    }

    @Test
    void concurrentFirstDouyinLoginsOfOneUserLeaveOneUser() throws Exception {
        String person = TestUsers.unique("pcrowd");
        int logins = 12;
        List<SandboxPhone.Login> codes = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            codes.add(phone.douyinLogin(null, person, "device-" + person, true));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(logins);
        List<Future<Response>> answers = new ArrayList<>();
        for (SandboxPhone.Login code : codes) {
            answers.add(pool.submit(() -> {
                start.await();
                return login(DOUYIN, Map.of("platform", "douyin", "code", code.code(), "anonymousCode", code.anonymousCode()));
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        Set<Long> ids = new HashSet<>();
        for (Future<Response> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().raw()).isEqualTo(200);
            ids.add(answer.get().json().get("user").get("id").asLong());
        }
        assertThat(ids).hasSize(1);
        assertThat(rows(Platform.DOUYIN, DOUYIN, codes.get(0).openid())).isEqualTo(1);
    }

    private Response login(String appid, Map<String, ?> body) {
        return client.send(client.request("/api/v1/login").header("Content-Type", "application/json").header(AppSelector.HEADER, appid)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private long rows(Platform platform, String appid, String openid) {
        return jdbc.sql("SELECT COUNT(*) FROM wx_user WHERE platform = ? AND appid = ? AND openid = ?")
                .param(platform.wireName()).param(appid).param(openid).query(Long.class).single();
    }

    private boolean storedSessionKey(Response answer) {
        return users.sessionKey(answer.json().get("user").get("id").asLong()).isPresent();
    }

    private static PlatformSession session(Platform platform, String appid, String openid, String unionid) {
        return new PlatformSession(platform, appid, openid, Optional.ofNullable(unionid),
                platform == Platform.ALIPAY ? Optional.empty() : Optional.of(SessionKey.of(Base64.getEncoder().encodeToString(new byte[16]))));
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
