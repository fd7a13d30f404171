package dev.wxlogin.server.platform;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.wxlogin.douyin.DouyinCode2SessionClient;
import dev.wxlogin.douyin.DouyinSession;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.outage.PlatformGuards;

/**
 * Douyin's v2 jscode2session for {@code tt.login()}'s {@code code}, with its {@code anonymousCode} when the page
 * sends it. An {@code anonymousCode} alone stands for a device, not a person, and logs nobody in:
 * DOUYIN_LOGIN_REQUIRED (the user is not logged in to Douyin, and {@code tt.login({force: true})} asks them to).
 */
@Component
class DouyinCodeExchange implements CodeExchange {

    private final DouyinCode2SessionClient code2Session;
    private final PlatformGuards guards;

    DouyinCodeExchange(DouyinCode2SessionClient code2Session, PlatformGuards guards) {
        this.code2Session = code2Session;
        this.guards = guards;
    }

    @Override
    public Platform platform() {
        return Platform.DOUYIN;
    }

    @Override
    public PlatformSession exchange(MiniProgramApp app, LoginCodes codes) {
        boolean hasCode = codes.code() != null && !codes.code().isBlank();
        boolean hasAnonymousCode = codes.anonymousCode() != null && !codes.anonymousCode().isBlank();
        if (!hasCode && hasAnonymousCode) {
            throw new ApiException(ApiError.DOUYIN_LOGIN_REQUIRED);
        }
        String code = CodeChecks.requireCode(codes.code());
        String anonymousCode = hasAnonymousCode ? CodeChecks.requireCode(codes.anonymousCode()) : null;
        DouyinSession session = CodeChecks.sent(() -> guards.of(Platform.DOUYIN)
                .call(() -> code2Session.exchange(app.douyinApp(), code, anonymousCode)));
        return new PlatformSession(Platform.DOUYIN, app.appid(), session.openid(), session.unionid(), Optional.of(session.sessionKey()));
    }
}
