package dev.wxlogin.server.platform;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.wxlogin.qq.QqCode2SessionClient;
import dev.wxlogin.qq.QqSession;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.outage.PlatformGuards;

/** QQ's code2Session for {@code qq.login()}'s code. */
@Component
class QqCodeExchange implements CodeExchange {

    private final QqCode2SessionClient code2Session;
    private final PlatformGuards guards;

    QqCodeExchange(QqCode2SessionClient code2Session, PlatformGuards guards) {
        this.code2Session = code2Session;
        this.guards = guards;
    }

    @Override
    public Platform platform() {
        return Platform.QQ;
    }

    @Override
    public PlatformSession exchange(MiniProgramApp app, LoginCodes codes) {
        String code = CodeChecks.requireCode(codes.code());
        QqSession session = CodeChecks.sent(() -> guards.of(Platform.QQ).call(() -> code2Session.exchange(app.qqApp(), code)));
        return new PlatformSession(Platform.QQ, app.appid(), session.openid(), session.unionid(), Optional.of(session.sessionKey()));
    }
}
