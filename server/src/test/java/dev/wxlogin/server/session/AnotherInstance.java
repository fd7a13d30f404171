package dev.wxlogin.server.session;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.config.BatchedDelete;
import dev.wxlogin.server.token.AccessTokenIssuer;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.server.weblogin.WebGrants;

/**
 * The login sessions as another instance of the deployment runs them: the running service's database
 * and components, with a clock and a reuse grace window of the test's own.
 */
final class AnotherInstance {

    private AnotherInstance() {
    }

    static LoginSessions loginSessions(ApplicationContext service, Clock clock, Duration grace) {
        JdbcClient jdbc = service.getBean(JdbcClient.class);
        BatchedDelete batchedDelete = service.getBean(BatchedDelete.class);
        return new LoginSessions(jdbc, service.getBean(TransactionTemplate.class),
                new RefreshTokenChain(jdbc, clock, Duration.ofDays(30), grace, batchedDelete), service.getBean(AccessTokenIssuer.class),
                service.getBean(UserStore.class), service.getBean(SessionRevocations.class), service.getBean(AuditLog.class),
                service.getBean(WebGrants.class), batchedDelete, clock);
    }
}
