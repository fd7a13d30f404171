package dev.wxlogin.server.platform;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.wxlogin.alipay.oauth.AlipayOauthToken;
import dev.wxlogin.alipay.oauth.OauthTokenClient;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.outage.PlatformGuards;

/**
 * Alipay's {@code alipay.system.oauth.token} for {@code my.getAuthCode({scopes: 'auth_base'})}'s
 * {@code authCode}: the user's {@code open_id} (or {@code user_id} for apps not on the openid standard).
 * Alipay has no session key and no unionid; its access token is not kept.
 */
@Component
class AlipayCodeExchange implements CodeExchange {

    private final OauthTokenClient oauthToken;
    private final PlatformGuards guards;

    AlipayCodeExchange(OauthTokenClient oauthToken, PlatformGuards guards) {
        this.oauthToken = oauthToken;
        this.guards = guards;
    }

    @Override
    public Platform platform() {
        return Platform.ALIPAY;
    }

    @Override
    public PlatformSession exchange(MiniProgramApp app, LoginCodes codes) {
        String authCode = CodeChecks.requireCode(codes.code());
        AlipayOauthToken token = CodeChecks.sent(() -> guards.of(Platform.ALIPAY).call(() -> oauthToken.exchange(app.alipayApp(), authCode)));
        return new PlatformSession(Platform.ALIPAY, app.appid(), token.subject(), Optional.empty(), Optional.empty());
    }
}
