package dev.wxlogin.douyin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;

/** A sandbox on a test clock with Douyin apps (and a WeChat one), and the core's real client pointed at it over HTTP. */
final class DouyinAgainstSandbox implements AutoCloseable {

    static final DouyinApp APP = new DouyinApp(SandboxApp.DEFAULT_DOUYIN_APPID, "douyin-secret");
    static final DouyinApp OTHER_APP = new DouyinApp("ttsandbox000000002", "other-douyin-secret");
    static final DouyinApp UNBOUND_APP = new DouyinApp("ttsandbox000000003", "unbound-douyin-secret");
    /** A secret that only survives if the request body is real JSON, not pasted text. */
    static final DouyinApp ESCAPING_APP = new DouyinApp("ttsandbox000000004", "q\"uo\\te&=+ %你");
    static final String WECHAT_APPID = SandboxApp.DEFAULT_APPID;

    final MutableClock clock = new MutableClock();
    final SandboxWeChat sandbox;
    final SandboxPhone phone;
    final DouyinCode2SessionClient code2Session;

    DouyinAgainstSandbox() {
        try {
            sandbox = SandboxWeChat.start(SandboxSettings.of(
                    new SandboxApp(WECHAT_APPID, "wechat-secret", true),
                    SandboxApp.douyin(APP.appid(), APP.secret(), true),
                    SandboxApp.douyin(OTHER_APP.appid(), OTHER_APP.secret(), true),
                    SandboxApp.douyin(UNBOUND_APP.appid(), UNBOUND_APP.secret(), false),
                    SandboxApp.douyin(ESCAPING_APP.appid(), ESCAPING_APP.secret(), true)).withClock(clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        phone = new SandboxPhone(sandbox.baseUrl());
        // Generous: a loaded CI machine may take a while to answer the first request.
        code2Session = client(Duration.ofSeconds(5));
    }

    DouyinCode2SessionClient client(Duration requestTimeout) {
        return new DouyinCode2SessionClient(new DouyinApiTransport(
                new DouyinClientSettings(sandbox.baseUrl(SandboxPlatform.DOUYIN), Duration.ofSeconds(2), requestTimeout)));
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
