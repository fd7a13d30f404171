package dev.wxlogin.server;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.ratelimit.AdjustableRateLimits;

/**
 * What a {@link ServiceTest} may change in its running service, all reset after each test: the one
 * clock of the service and its sandbox WeChat (it runs with the system clock; a test moves it with
 * {@link MutableClock#advance} instead of sleeping, or stops it; afterwards it is back to the present and
 * running), the rate limits ({@link AdjustableRateLimits}) and the faults queued on its sandbox
 * ({@link SandboxPhone#fault}: none left for the next test).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(AdjustableRateLimits.class)
public class ServiceTestSettings {

    @Bean
    @Primary
    MutableClock movableClock() {
        return MutableClock.flowing();
    }

    @Bean
    ResettableTestSetting clockBackToThePresent(MutableClock clock) {
        return clock::reset;
    }

    @Bean
    ResettableTestSetting noSandboxFaults(SandboxWeChat sandbox) {
        return () -> new SandboxPhone(sandbox.baseUrl()).clearFaults();
    }
}
