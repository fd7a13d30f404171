package dev.wxlogin.server.session;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Login sessions, and the revocation check on every request that carries an access token. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<SessionRevocations> revocations;

    SessionConfiguration(ObjectProvider<SessionRevocations> revocations) {
        this.revocations = revocations;
    }

    @Bean
    LoginSessionStore loginSessionStore(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        return new LoginSessionStore(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SessionRevocations sessionRevocations(JdbcClient jdbc, SessionProperties properties) {
        return new SessionRevocations(jdbc, properties.revocationCheckInterval());
    }

    /** On every path: only requests whose access token was verified carry one to check. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SessionCheckInterceptor(revocations.getObject()));
    }
}
