package dev.wxlogin.server.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.PlatformLogins;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.Platform;

/** Accounts linked across platforms as a user links them: over HTTP, a WeChat user and a Douyin user proving one number. */
public final class TestLinks {

    /**
     * A WeChat user and a Douyin user who proved the same number, the Douyin one confirming the link.
     *
     * @param wechat the user who proved the number first
     * @param douyin the user who proved it second and confirmed
     * @param number the number both hold
     */
    public record LinkedPair(LoggedIn wechat, LoggedIn douyin, String number) {
    }

    private TestLinks() {
    }

    /** A mainland mobile number no other test holds. */
    public static String newNumber() {
        return "19" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    /** A new WeChat user of {@code appid} and a new Douyin user, linked. */
    public static LinkedPair linkedPair(HttpTestClient client, SandboxPhone phone, String appid, PlatformLogins logins, String prefix) {
        String number = newNumber();
        LoggedIn wechat = TestLogins.loginNew(client, phone, appid, prefix + "-wx");
        assertThat(bindOnWeChat(client, phone, appid, wechat, number).status()).isEqualTo(200);
        LoggedIn douyin = logins.loginNew(Platform.DOUYIN, prefix + "-dy");
        assertThat(bindOnDouyin(client, phone, douyin, number).status()).isEqualTo(200);
        Response linked = confirm(client, douyin, appid);
        assertThat(linked.status()).as(linked.raw()).isEqualTo(200);
        return new LinkedPair(wechat, douyin, number);
    }

    /** Binds {@code number} to a WeChat user with the getPhoneNumber button's code. */
    public static Response bindOnWeChat(HttpTestClient client, SandboxPhone phone, String appid, LoggedIn user, String number) {
        return client.postJson("/api/v1/me/phone", Map.of("code", phone.phoneCode(appid, user.user(), number, "86").code()),
                user.accessToken());
    }

    /** Binds {@code number} to a Douyin user with the button's encryptedData. */
    public static Response bindOnDouyin(HttpTestClient client, SandboxPhone phone, LoggedIn user, String number) {
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(PlatformLogins.demoAppid(Platform.DOUYIN), user.user(), number, "86",
                Map.of());
        return client.postJson("/api/v1/me/phone", Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv()),
                user.accessToken());
    }

    /** {@code POST /api/v1/me/links} naming the other account's app. */
    public static Response confirm(HttpTestClient client, LoggedIn user, String otherAppid) {
        return client.postJson("/api/v1/me/links", Map.of("appid", otherAppid), user.accessToken());
    }
}
