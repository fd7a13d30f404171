package dev.wxlogin.qq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxPlatform;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;

/** A sandbox on a test clock with QQ apps (and a WeChat one), and the core's real client pointed at it over HTTP. */
final class QqAgainstSandbox implements AutoCloseable {

    static final QqApp APP = new QqApp(SandboxApp.DEFAULT_QQ_APPID, "qq-secret");
    static final QqApp OTHER_APP = new QqApp("1109000002", "other-qq-secret");
    static final QqApp UNBOUND_APP = new QqApp("1109000003", "unbound-qq-secret");
    /** A secret that only survives if the query is URL-encoded. */
    static final QqApp ESCAPING_APP = new QqApp("1109000004", "a&js_code=x+y z%2B#你");
    static final String WECHAT_APPID = SandboxApp.DEFAULT_APPID;

    final MutableClock clock = new MutableClock();
    final SandboxWeChat sandbox;
    final SandboxPhone phone;
    final QqCode2SessionClient code2Session;

    QqAgainstSandbox() {
        try {
            sandbox = SandboxWeChat.start(SandboxSettings.of(
                    new SandboxApp(WECHAT_APPID, "wechat-secret", true),
                    SandboxApp.qq(APP.appid(), APP.secret(), true),
                    SandboxApp.qq(OTHER_APP.appid(), OTHER_APP.secret(), true),
                    SandboxApp.qq(UNBOUND_APP.appid(), UNBOUND_APP.secret(), false),
                    SandboxApp.qq(ESCAPING_APP.appid(), ESCAPING_APP.secret(), true)).withClock(clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        phone = new SandboxPhone(sandbox.baseUrl());
        // Generous: a loaded CI machine may take a while to answer the first request.
        code2Session = client(Duration.ofSeconds(5));
    }

    QqCode2SessionClient client(Duration requestTimeout) {
        return new QqCode2SessionClient(new QqClientSettings(sandbox.baseUrl(SandboxPlatform.QQ), Duration.ofSeconds(2), requestTimeout));
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
