package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.wxlogin.server.oidc.TwoTestWebsites;

/**
 * A whole service on a random port, in sandbox mode (its own sandbox WeChat on a free port), on the
 * database this test run was started for ({@link TestDatabase}: an embedded H2 file database of its
 * own by default, else a fresh PostgreSQL or MariaDB database). Classes with the same annotation
 * share one running service, so tests use their own simulated users ({@link TestUsers#unique}).
 * A class runs on H2 only unless it is also a {@link DatabaseMatrix} class. What a test needs to vary
 * (the clock, rate limits) it changes at run time through {@link ServiceTestSettings}, reset after each
 * test, rather than with properties of its own, which would start another service. Its client, phone,
 * app and logged-in users it is given ({@link ServiceFixtures}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({TestDatabaseCondition.class, ServiceFixtures.class, TestSettingsReset.class})
@Import(ServiceTestSettings.class)
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
        "wxlogin.rate-limit.link-per-user=0",
        "wxlogin.rate-limit.scan-page-per-client-ip=0",
        // Tests play WeChat failures on purpose, many in a row: the breaker has a test of its own.
        "wxlogin.wechat.breaker.window=1000",
        "wxlogin.wechat.breaker.minimum-calls=1000",
        "wxlogin.introspection.clients=" + ServiceTest.INTROSPECTION_CLIENT + ":" + ServiceTest.INTROSPECTION_SECRET,
        // The two websites of TwoTestWebsites, for the OpenID Connect and web sign-in classes.
        TwoTestWebsites.SPA + ".client-id=spa",
        TwoTestWebsites.SPA + ".name=Single-page app",
        TwoTestWebsites.SPA + ".redirect-uris[0]=" + TwoTestWebsites.REDIRECT,
        TwoTestWebsites.SPA + ".post-logout-redirect-uris[0]=" + TwoTestWebsites.SIGNED_OUT,
        TwoTestWebsites.SPA + ".scopes=openid,profile,unionid",
        TwoTestWebsites.PORTAL + ".client-id=portal",
        TwoTestWebsites.PORTAL + ".secret=" + TwoTestWebsites.PORTAL_SECRET,
        TwoTestWebsites.PORTAL + ".redirect-uris[0]=" + TwoTestWebsites.REDIRECT,
        TwoTestWebsites.PORTAL + ".scopes=openid",
        TwoTestWebsites.PORTAL + ".id-token-signing-algorithm=ES256",
        "wxlogin.admin.username=" + ServiceTest.ADMIN_USERNAME,
        "wxlogin.admin.password=" + ServiceTest.ADMIN_PASSWORD,
        // A context is closed when the cache evicts it and when the test JVM exits: a graceful shutdown would
        // wait for open requests (a scan page's event stream) up to 30 s, and Surefire's fork with it.
        "server.shutdown=immediate",
        // Contexts whose clock a test moved ahead would count hours that other contexts still write
        // events into: the hourly counts are proven by AuditHourlyCountsTest, run by hand there.
        "wxlogin.audit.hourly-counts=false",
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
