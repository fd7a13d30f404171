package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A whole service on a random port, in sandbox mode (its own sandbox WeChat on a free port), with
 * its own embedded H2 file database. Classes with the same annotation share one running service,
 * so tests use their own simulated users ({@link TestUsers#unique}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "wxlogin.sandbox.enabled=true",
        "wxlogin.sandbox.port=0",
        "wxlogin.data-dir=./target/test-data/${random.uuid}",
        "wxlogin.wechat.request-timeout=3s",
        "wxlogin.wechat.busy-backoff=10ms",
})
public @interface ServiceTest {
}
