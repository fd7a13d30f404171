package dev.wxlogin.server.app;

import java.util.Objects;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.douyin.DouyinApp;
import dev.wxlogin.qq.QqApp;
import dev.wxlogin.wechat.WeChatApp;

/**
 * One mini program this deployment serves, on its platform, with the credentials that platform needs:
 * an AppSecret on WeChat, Douyin and QQ; a validated key set on Alipay. Never prints a secret or a key.
 *
 * @param platform its platform
 * @param appid    its AppID on that platform
 * @param secret   its AppSecret; null on Alipay
 * @param alipay   its Alipay keys; null on the other platforms
 */
public record MiniProgramApp(Platform platform, String appid, String secret, AlipayApp alipay) {

    public MiniProgramApp {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(appid, "appid");
        if (platform == Platform.ALIPAY ? alipay == null || secret != null : secret == null || alipay != null) {
            throw new IllegalArgumentException("an Alipay app has keys and no secret; an app of any other platform a secret");
        }
    }

    /** A WeChat app. */
    public static MiniProgramApp of(WeChatApp app) {
        return new MiniProgramApp(Platform.WECHAT, app.appid(), app.secret(), null);
    }

    /** An app with an AppSecret on WeChat, Douyin or QQ. */
    public static MiniProgramApp withSecret(Platform platform, String appid, String secret) {
        return new MiniProgramApp(platform, appid, secret, null);
    }

    /** An Alipay app, its keys already validated. */
    public static MiniProgramApp of(AlipayApp app) {
        return new MiniProgramApp(Platform.ALIPAY, app.appId(), null, app);
    }

    /** @throws IllegalStateException when it is not a WeChat app */
    public WeChatApp weChatApp() {
        require(Platform.WECHAT);
        return new WeChatApp(appid, secret);
    }

    /** @throws IllegalStateException when it is not a Douyin app */
    public DouyinApp douyinApp() {
        require(Platform.DOUYIN);
        return new DouyinApp(appid, secret);
    }

    /** @throws IllegalStateException when it is not a QQ app */
    public QqApp qqApp() {
        require(Platform.QQ);
        return new QqApp(appid, secret);
    }

    /** @throws IllegalStateException when it is not an Alipay app */
    public AlipayApp alipayApp() {
        require(Platform.ALIPAY);
        return alipay;
    }

    /** Whether another entry for the same appid says the same: same platform and secret (an Alipay app is listed once). */
    boolean sameAs(MiniProgramApp other) {
        return alipay == null && platform == other.platform && appid.equals(other.appid) && Objects.equals(secret, other.secret);
    }

    private void require(Platform expected) {
        if (platform != expected) {
            throw new IllegalStateException(appid + " is a " + platform.wireName() + " app, not a " + expected.wireName() + " one");
        }
    }

    @Override
    public String toString() {
        return platform.wireName() + ":" + appid;
    }
}
