package dev.wxlogin.server.link;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import dev.wxlogin.sandbox.alipay.SimulatedAlipayPhone.PhoneNumberFault;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.PlatformLogins;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.user.UserStore;

/**
 * One person's accounts on two platforms, linked over HTTP: a WeChat user and a Douyin (or Alipay) user
 * prove the same number, the second is offered the link in the binding's answer and confirms it; never
 * when the numbers differ, the other account is on the same platform, the proof is old, the other account
 * changed its number since, or it is disabled. Either side unlinks; a deletion erases the links.
 */
@DatabaseMatrix
@ServiceTest
class AccountLinkTest {

    @Autowired
    MutableClock clock;
    @Autowired
    UserStore users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    SandboxAlipay alipay;
    @Autowired
    LinkProperties linking;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    @Fixture PlatformLogins logins;

    @Test
    void provingOneNumberOnTwoPlatformsOffersTheLinkAndTheSecondConfirmsIt() {
        String number = TestLinks.newNumber();
        LoggedIn wechat = weChatUserWith(number, "link-wx");
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "link-dy");

        Response bound = bindOnDouyin(douyin, number);
        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        JsonNode candidates = bound.json().get("linkCandidates");
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).get("platform").asString()).isEqualTo("wechat");
        assertThat(candidates.get(0).get("appid").asString()).isEqualTo(appid);
        assertThat(candidates.get(0).propertyNames()).as("nothing that identifies the other user")
                .doesNotContain("id", "userId", "openid", "unionid", "phoneNumber");
        assertThat(client.get("/api/v1/me", douyin.accessToken()).json().get("linkedAccounts")).as("offered, not linked").isEmpty();

        Response linked = confirm(douyin, appid);

        assertThat(linked.status()).as(linked.raw()).isEqualTo(200);
        assertThat(linked.json().get("userId").asLong()).isEqualTo(wechat.userId());
        assertThat(linked.json().get("platform").asString()).isEqualTo("wechat");
        JsonNode douyinsLinks = client.get("/api/v1/me", douyin.accessToken()).json().get("linkedAccounts");
        assertThat(douyinsLinks).hasSize(1);
        assertThat(douyinsLinks.get(0).get("userId").asLong()).isEqualTo(wechat.userId());
        JsonNode wechatsMe = client.get("/api/v1/me", wechat.accessToken()).json();
        assertThat(wechatsMe.get("id").asLong()).as("still the caller's own account: nothing merged").isEqualTo(wechat.userId());
        assertThat(wechatsMe.get("linkedAccounts").get(0).get("userId").asLong()).isEqualTo(douyin.userId());
        assertThat(wechatsMe.get("linkedAccounts").get(0).get("platform").asString()).isEqualTo("douyin");
        assertThat(wechatsMe.get("linkedAccounts").get(0).get("confirmedBy").asLong()).isEqualTo(douyin.userId());
        Response renamed = client.patchJson("/api/v1/me", Map.of("nickname", "Lin"), wechat.accessToken());
        assertThat(renamed.json().get("nickname").asString()).isEqualTo("Lin");
        assertThat(renamed.json().get("linkedAccounts")).as("a profile change answers as GET /api/v1/me")
                .isEqualTo(wechatsMe.get("linkedAccounts"));
    }

    @Test
    void anotherNumberIsNeitherOfferedNorLinked() {
        weChatUserWith(TestLinks.newNumber(), "link-wx-other");
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "link-dy-other");

        Response bound = bindOnDouyin(douyin, TestLinks.newNumber());

        assertThat(bound.json().has("linkCandidates")).isFalse();
        assertError(confirm(douyin, appid), 409, "LINK_CANDIDATE_NOT_FOUND");
    }

    @Test
    void accountsOnOnePlatformAreNotLinkedByNumber() {
        String number = TestLinks.newNumber();
        weChatUserWith(number, "link-wx-a");
        LoggedIn second = TestLogins.loginNew(client, phone, appid, "link-wx-b");

        Response bound = bindOnWeChat(second, number);

        assertThat(bound.json().has("linkCandidates")).as(bound.raw()).isFalse();
        assertError(confirm(second, appid), 400, "LINK_SAME_PLATFORM");
    }

    @Test
    void aProofOlderThanTheConfirmWindowLinksNothing() {
        String number = TestLinks.newNumber();
        weChatUserWith(number, "link-wx-old");
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "link-dy-old");
        bindOnDouyin(douyin, number);

        clock.advance(linking.confirmWithin().plusSeconds(1));

        assertError(confirm(douyin, appid), 409, "LINK_PROOF_EXPIRED");
        assertThat(links(douyin)).isEmpty();
    }

    @Test
    void theOtherAccountChangingItsNumberMeanwhileLinksNothing() {
        String number = TestLinks.newNumber();
        LoggedIn wechat = weChatUserWith(number, "link-wx-changed");
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "link-dy-changed");
        assertThat(bindOnDouyin(douyin, number).json().get("linkCandidates")).hasSize(1);

        assertThat(bindOnWeChat(wechat, TestLinks.newNumber()).status()).isEqualTo(200);

        assertError(confirm(douyin, appid), 409, "LINK_CANDIDATE_NOT_FOUND");
        assertThat(links(wechat)).isEmpty();
    }

    @Test
    void aDisabledAccountIsNeitherOfferedNorLinked() {
        String number = TestLinks.newNumber();
        LoggedIn wechat = weChatUserWith(number, "link-wx-disabled");
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "link-dy-disabled");
        users.setDisabled(wechat.userId(), true);

        assertThat(bindOnDouyin(douyin, number).json().has("linkCandidates")).isFalse();
        assertError(confirm(douyin, appid), 409, "LINK_CANDIDATE_NOT_FOUND");
        assertThat(links(douyin)).isEmpty();
    }

    @Test
    void eitherSideUnlinks() {
        TestLinks.LinkedPair pair = TestLinks.linkedPair(client, phone, appid, logins, "unlink");
        LoggedIn wechat = pair.wechat();
        LoggedIn douyin = pair.douyin();

        assertThat(client.delete("/api/v1/me/links/" + douyin.userId(), wechat.accessToken()).status()).isEqualTo(204);
        assertThat(links(douyin)).isEmpty();
        assertThat(links(wechat)).isEmpty();

        assertThat(confirm(douyin, appid).status()).as("linked again").isEqualTo(200);
        assertThat(client.delete("/api/v1/me/links/" + wechat.userId(), douyin.accessToken()).status()).isEqualTo(204);
        assertThat(links(wechat)).isEmpty();
        assertError(client.delete("/api/v1/me/links/" + wechat.userId(), douyin.accessToken()), 404, "LINK_NOT_FOUND");

        assertThat(outcomes(douyin, AuditEventType.ACCOUNT_LINK)).containsExactly("OK", "OK");
        assertThat(outcomes(wechat, AuditEventType.ACCOUNT_UNLINK)).containsExactly("OK");
        assertThat(outcomes(douyin, AuditEventType.ACCOUNT_UNLINK)).containsExactlyInAnyOrder("OK", "LINK_NOT_FOUND");
    }

    @Test
    void deletingAnAccountErasesItsLinks() {
        String number = TestLinks.newNumber();
        LoggedIn wechat = weChatUserWith(number, "erase-link-wx");
        LoggedIn alipayUser = logins.loginNew(Platform.ALIPAY, "erase-link-alipay");
        String response = alipay.phone()
                .getPhoneNumber(PlatformLogins.demoAppid(Platform.ALIPAY), alipayUser.user(), number, PhoneNumberFault.NONE).response();
        Response bound = client.postJson("/api/v1/me/phone", Map.of("response", response), alipayUser.accessToken());
        assertThat(bound.json().get("linkCandidates")).as(bound.raw()).hasSize(1);
        assertThat(confirm(alipayUser, appid).status()).isEqualTo(200);
        assertThat(links(wechat)).hasSize(1);

        assertThat(client.delete("/api/v1/me", alipayUser.accessToken()).status()).isEqualTo(204);

        assertThat(links(wechat)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_link WHERE user_low = ? OR user_high = ?")
                .param(alipayUser.userId()).param(alipayUser.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void concurrentConfirmationsLeaveOneLink() throws Exception {
        String number = TestLinks.newNumber();
        LoggedIn wechat = weChatUserWith(number, "race-link-wx");
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "race-link-dy");
        bindOnDouyin(douyin, number);
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return confirm(douyin, appid);
                }));
            }
            start.countDown();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).as(response.raw()).isEqualTo(200);
                assertThat(response.json().get("userId").asLong()).isEqualTo(wechat.userId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(links(wechat)).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_link WHERE user_low = ? OR user_high = ?")
                .param(douyin.userId()).param(douyin.userId()).query(Long.class).single()).isEqualTo(1);
    }

    private LoggedIn weChatUserWith(String number, String prefix) {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, prefix);
        Response bound = bindOnWeChat(user, number);
        assertThat(bound.status()).as(bound.raw()).isEqualTo(200);
        return user;
    }

    private Response bindOnWeChat(LoggedIn user, String number) {
        return TestLinks.bindOnWeChat(client, phone, appid, user, number);
    }

    private Response bindOnDouyin(LoggedIn user, String number) {
        return TestLinks.bindOnDouyin(client, phone, user, number);
    }

    private Response confirm(LoggedIn user, String otherAppid) {
        return TestLinks.confirm(client, user, otherAppid);
    }

    private List<String> outcomes(LoggedIn user, AuditEventType type) {
        return audit.find(new AuditQuery(null, type, null, false, user.userId(), null, null, null), 0, 50).events().stream()
                .map(AuditEvent::outcome).toList();
    }

    private JsonNode links(LoggedIn user) {
        Response me = client.get("/api/v1/me", user.accessToken());
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        return me.json().get("linkedAccounts");
    }
}
