package dev.wxlogin.server;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.wxlogin.sandbox.MutableClock;

/**
 * Import it into a test that starts its own service (not a {@link ServiceTest}, whose service has such a
 * clock already: {@link ServiceTestSettings}) to run that service, and its sandbox WeChat, on a clock the
 * test moves ({@link MutableClock#advance}) instead of sleeping.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

    @Bean
    @Primary
    MutableClock movableClock() {
        return new MutableClock();
    }
}
