package dev.wxlogin.server.platform;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.outage.WeChatGuard;
import dev.wxlogin.wechat.session.Code2SessionClient;
import dev.wxlogin.wechat.session.WeChatSession;

/** WeChat's code2Session for {@code wx.login()}'s code. */
@Component
class WeChatCodeExchange implements CodeExchange {

    private final Code2SessionClient code2Session;
    private final WeChatGuard guard;

    WeChatCodeExchange(Code2SessionClient code2Session, WeChatGuard guard) {
        this.code2Session = code2Session;
        this.guard = guard;
    }

    @Override
    public Platform platform() {
        return Platform.WECHAT;
    }

    @Override
    public PlatformSession exchange(MiniProgramApp app, LoginCodes codes) {
        String code = CodeChecks.requireCode(codes.code());
        WeChatSession session = CodeChecks.sent(() -> guard.call(() -> code2Session.exchange(app.weChatApp(), code)));
        return new PlatformSession(Platform.WECHAT, app.appid(), session.openid(), session.unionid(), Optional.of(session.sessionKey()));
    }
}
