package dev.wxlogin.server;

import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.crypto.SecretHashing;
import dev.wxlogin.server.ratelimit.AdjustableRateLimits;

/**
 * What a {@link ServiceTest} may change in its running service, all reset after each test: the one
 * clock of the service and its sandbox WeChat (it runs with the system clock; a test moves it with
 * {@link MutableClock#advance} instead of sleeping, or stops it; afterwards it is back to the present and
 * running), the rate limits ({@link AdjustableRateLimits}) and the faults queued on its sandbox
 * ({@link SandboxPhone#fault}: none left for the next test). Also, for every service test, bcrypt at its
 * lowest cost ({@link #lowCostSecretHashing}).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(AdjustableRateLimits.class)
public class ServiceTestSettings {

    @Bean
    @Primary
    MutableClock movableClock() {
        return MutableClock.flowing();
    }

    /**
     * bcrypt at cost 4 instead of the service's 10, and only bcrypt, which is all the service stores
     * ({@code EnvironmentVariableMappingTest} checks that a started service hashes at cost 10): every context
     * hashes its first admin's password and the configured websites' secrets as it starts, and the admin tests
     * log in many times. A profile of a matrix execution put a quarter of its samples in bcrypt.
     */
    @Bean
    @Primary
    SecretHashing lowCostSecretHashing() {
        return new SecretHashing(new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4))));
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
