package dev.wxlogin.server.outage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How WeChat outages are contained ({@code wxlogin.wechat.*}, beside how WeChat is reached).
 *
 * @param maxConcurrentCalls WeChat calls at once per instance; one more is refused at once (bulkhead)
 * @param breaker            when to stop calling WeChat while it fails, and when to try again
 */
@ConfigurationProperties("wxlogin.wechat")
public record WeChatOutageProperties(@DefaultValue("64") int maxConcurrentCalls, @DefaultValue Breaker breaker) {

    public WeChatOutageProperties {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("wxlogin.wechat.max-concurrent-calls must be at least 1");
        }
    }

    /**
     * The circuit breaker: over the last {@code window} WeChat calls (once at least
     * {@code minimumCalls} were made), a share of failures of {@code failureRate} percent or more
     * opens it. Open, it refuses every call for {@code openFor}; then {@code halfOpenCalls} trial
     * calls decide whether it closes again or stays open.
     *
     * @param window        calls the failure rate is measured over
     * @param minimumCalls  calls needed before the rate counts
     * @param failureRate   percent of failures that opens the breaker
     * @param openFor       how long it stays open before trying WeChat again
     * @param halfOpenCalls trial calls when trying again
     */
    public record Breaker(@DefaultValue("20") int window, @DefaultValue("10") int minimumCalls,
                          @DefaultValue("50") float failureRate, @DefaultValue("10s") Duration openFor,
                          @DefaultValue("3") int halfOpenCalls) {

        public Breaker {
            if (window < 1 || minimumCalls < 1 || halfOpenCalls < 1 || failureRate <= 0 || failureRate > 100
                    || openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("wxlogin.wechat.breaker: window, minimum-calls and half-open-calls must be"
                        + " at least 1, failure-rate in (0, 100], open-for positive");
            }
        }
    }
}
