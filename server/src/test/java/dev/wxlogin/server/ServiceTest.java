package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole service on a random port, in sandbox mode (its own sandbox WeChat on a free port), on the
 * database this test run was started for ({@link TestDatabase}: an embedded H2 file database of its
 * own by default, else a fresh PostgreSQL or MariaDB database). Classes with the same annotation
 * share one running service, so tests use their own simulated users ({@link TestUsers#unique}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database")
@ExtendWith(TestDatabaseCondition.class)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "wxlogin.sandbox.enabled=true",
        "wxlogin.sandbox.port=0",
        "wxlogin.data-dir=./target/test-data/${random.uuid}",
        "wxlogin.wechat.request-timeout=3s",
        "wxlogin.wechat.busy-backoff=10ms",
        // Every test logs in from 127.0.0.1, some one user fifty times: the limits have tests of their own.
        "wxlogin.rate-limit.per-client-ip=0",
        "wxlogin.rate-limit.per-user=0",
        "wxlogin.rate-limit.phone-per-user=0",
        "wxlogin.rate-limit.session-check-per-user=0",
        "wxlogin.rate-limit.decrypt-per-user=0",
        "wxlogin.rate-limit.avatar-per-user=0",
        "wxlogin.rate-limit.scan-page-per-client-ip=0",
        // Tests play WeChat failures on purpose, many in a row: the breaker has a test of its own.
        "wxlogin.wechat.breaker.window=1000",
        "wxlogin.wechat.breaker.minimum-calls=1000",
        "wxlogin.introspection.clients=" + ServiceTest.INTROSPECTION_CLIENT + ":" + ServiceTest.INTROSPECTION_SECRET,
        "wxlogin.admin.username=" + ServiceTest.ADMIN_USERNAME,
        "wxlogin.admin.password=" + ServiceTest.ADMIN_PASSWORD,
        // Several cached contexts share one PostgreSQL/MariaDB (100/151 connections by default): a context
        // keeps one idle connection, not a full pool.
        "spring.datasource.hikari.minimum-idle=1",
        "spring.datasource.hikari.idle-timeout=10000",
})
public @interface ServiceTest {

    /** The resource server allowed to introspect tokens in service tests. */
    String INTROSPECTION_CLIENT = "test-resource-server";
    /** Its secret. */
    String INTROSPECTION_SECRET = "introspection-secret-for-tests";
    /** The first admin of the console, created at start-up. */
    String ADMIN_USERNAME = "ops-admin";
    /** Its password. */
    String ADMIN_PASSWORD = "console-password-for-tests";
}
