package dev.wxlogin.server.token;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.crypto.AtRestEncryption;
import dev.wxlogin.server.session.LoginSessionStore;
import dev.wxlogin.server.session.SessionRevocations;
import dev.wxlogin.server.user.UserStore;

/** Our tokens, wired to {@code wxlogin.token.*}. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, AtRestEncryption encryption, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        SigningKeyStore store = new SigningKeyStore(jdbc, encryption);
        store.resealUnderCurrentSecret();
        return new SigningKeys(store, clock,
                token.signingKeyRotateAfter(), token.accessTokenTtl(), token.clockSkew());
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SigningKeys keys, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        return new AccessTokenIssuer(keys, clock, token.issuer(), token.audience(), token.accessTokenTtl());
    }

    @Bean
    RefreshTokenStore refreshTokenStore(JdbcClient jdbc, TransactionTemplate transactions, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        return new RefreshTokenStore(jdbc, transactions, clock, token.refreshTokenTtl(), token.refreshReuseGrace());
    }

    @Bean
    TokenService tokenService(AccessTokenIssuer accessTokens, RefreshTokenStore refreshTokens, UserStore users,
                              LoginSessionStore sessions, SessionRevocations revocations, AuditLog audit) {
        return new TokenService(accessTokens, refreshTokens, users, sessions, revocations, audit, clock);
    }
}
