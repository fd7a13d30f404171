package dev.wxlogin.server.session;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.config.BatchedDelete;
import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.token.AccessTokenIssuer;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.weblogin.WebGrants;

/** Login sessions with their refresh tokens, and the revocation check on every request that carries an access token. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<SessionRevocations> revocations;

    SessionConfiguration(ObjectProvider<SessionRevocations> revocations) {
        this.revocations = revocations;
    }

    @Bean
    LoginSessions loginSessions(JdbcClient jdbc, TransactionTemplate transactions, AccessTokenIssuer accessTokens, UserStore users,
                                SessionRevocations revocations, AuditLog audit, WebGrants web, WxLoginProperties properties,
                                BatchedDelete batchedDelete, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        WxLoginProperties.Token token = properties.token();
        RefreshTokenChain tokens = new RefreshTokenChain(jdbc, clock, token.refreshTokenTtl(), token.refreshReuseGrace(), batchedDelete);
        return new LoginSessions(jdbc, transactions, tokens, accessTokens, users, revocations, audit, web, batchedDelete, clock);
    }

    @Bean
    SessionRevocations sessionRevocations(UserStore users, ObjectProvider<LoginSessions> sessions, SessionProperties properties,
                                          ObjectProvider<Clock> clocks) {
        return new SessionRevocations(users, id -> sessions.getObject().find(id), properties.revocationCheckInterval(),
                clocks.getIfAvailable(Clock::systemUTC));
    }

    /** On every path: only requests whose access token was verified carry one to check. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SessionCheckInterceptor(revocations.getObject()));
    }
}
