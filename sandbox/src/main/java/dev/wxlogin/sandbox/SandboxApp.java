package dev.wxlogin.sandbox;

import java.util.Objects;

/**
 * A mini program registered in the sandbox.
 *
 * @param appid      its AppID
 * @param secret     its AppSecret
 * @param unionBound whether it is bound to its platform's developer account (WeChat: an Open Platform
 *                   account), so that code2Session and its encrypted data carry a unionid shared with
 *                   the other bound apps of the same platform; a person's unionid differs between platforms
 * @param platform   whose app it is, and so which of the sandbox's APIs serve it
 */
public record SandboxApp(String appid, String secret, boolean unionBound, SandboxPlatform platform) {

    /** The WeChat app the sandbox registers when told nothing else, and sandbox mode's WeChat demo app. */
    public static final String DEFAULT_APPID = "wxsandbox000000001";
    /** Sandbox mode's Douyin demo app: {@code tt} and 16 characters, as Douyin's AppIDs are. */
    public static final String DEFAULT_DOUYIN_APPID = "ttsandbox000000001";
    /** Sandbox mode's QQ demo app: ten digits, as QQ's AppIDs are. */
    public static final String DEFAULT_QQ_APPID = "1109000001";

    public SandboxApp {
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(platform, "platform");
    }

    /** A WeChat app. */
    public SandboxApp(String appid, String secret, boolean unionBound) {
        this(appid, secret, unionBound, SandboxPlatform.WECHAT);
    }

    /** A Douyin app. */
    public static SandboxApp douyin(String appid, String secret, boolean unionBound) {
        return new SandboxApp(appid, secret, unionBound, SandboxPlatform.DOUYIN);
    }

    /** A QQ app. */
    public static SandboxApp qq(String appid, String secret, boolean unionBound) {
        return new SandboxApp(appid, secret, unionBound, SandboxPlatform.QQ);
    }

    @Override
    public String toString() {
        return "SandboxApp[appid=" + appid + ", secret=***, unionBound=" + unionBound + ", platform=" + platform.wireName() + "]";
    }
}
