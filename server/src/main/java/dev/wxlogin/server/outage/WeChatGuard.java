package dev.wxlogin.server.outage;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.wxlogin.wechat.WeChatException;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every call to WeChat goes through here (Resilience4j): a bulkhead of
 * {@code WXLOGIN_WECHAT_MAX_CONCURRENT_CALLS} that refuses one more at once instead of queueing it,
 * and a circuit breaker that stops calling WeChat while it is down and tries again after a while.
 * So a WeChat outage holds at most that many request threads, and what does not call WeChat
 * (refresh, {@code /api/v1/me}) keeps its threads and its latency.
 *
 * <p>Failures, for the breaker, are WeChat's: unreachable, timed out, an answer that is not its API
 * (its HTML 502 page), and {@code -1 busy} after the retries. A user's error (40029, 40163, ...) is
 * WeChat working, and our own failures do not count at all. Metrics:
 * {@code resilience4j_circuitbreaker_state{name="wechat"}} and the bulkhead's gauges.
 */
@Component
public class WeChatGuard {

    /** The name of the bulkhead and the breaker in metrics. */
    public static final String NAME = "wechat";

    private static final Logger LOG = LoggerFactory.getLogger(WeChatGuard.class);
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Duration openFor;

    WeChatGuard(WeChatOutageProperties properties, MeterRegistry meters, ObjectProvider<Clock> clock) {
        WeChatOutageProperties.Breaker settings = properties.breaker();
        this.openFor = settings.openFor();
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(WeChatGuard::isWeChatFailure)
                .ignoreException(failure -> !(failure instanceof WeChatException))
                .clock(clock.getIfAvailable(Clock::systemUTC))
                .build());
        this.bulkhead = bulkheads.bulkhead(NAME);
        this.breaker = breakers.circuitBreaker(NAME);
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("WeChat circuit breaker {}", event.getStateTransition()));
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /**
     * Makes one WeChat call (which may send more than one request: a busy retry, a token refresh).
     *
     * @throws WeChatCallRefusedException too many calls in flight, or the breaker is open: WeChat was not called
     */
    public <T> T call(Supplier<T> weChatCall) {
        try {
            return Bulkhead.decorateSupplier(bulkhead, CircuitBreaker.decorateSupplier(breaker, weChatCall)).get();
        } catch (BulkheadFullException e) {
            throw new WeChatCallRefusedException(BUSY_RETRY_AFTER);
        } catch (CallNotPermittedException e) {
            throw new WeChatCallRefusedException(openFor);
        }
    }

    /** For tests and health: the breaker's state. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    private static boolean isWeChatFailure(Throwable failure) {
        return failure instanceof WeChatUnavailableException
                || (failure instanceof WeChatApiException api && api.error() == WeChatError.SYSTEM_BUSY);
    }
}
