package dev.wxlogin.server.outage;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.wxlogin.server.error.ApiException;
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
 * The calls to one platform (Resilience4j): a bulkhead that refuses one call more than
 * {@code maxConcurrentCalls} at once instead of queueing it, and a circuit breaker that stops calling
 * the platform while it is down and tries again after a while. Each platform has its own, so that one
 * platform's outage never refuses another's calls. Metrics carry the platform as {@code name}.
 */
public final class OutageGuard {

    private static final Logger LOG = LoggerFactory.getLogger(OutageGuard.class);
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    private final String name;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Duration openFor;
    private final Function<Duration, ApiException> refusal;

    /**
     * @param name      the platform, as metrics name it ({@code wechat}, {@code douyin}, ...)
     * @param family    the platform core's exception type: only those count for the breaker, ours never do
     * @param isOutage  which of those are the platform failing (unreachable, timed out, busy), not a user's error
     * @param refusal   what a refused call throws, given when to try again
     */
    OutageGuard(String name, WeChatOutageProperties properties, MeterRegistry meters, Clock clock,
                Class<? extends RuntimeException> family, Predicate<Throwable> isOutage, Function<Duration, ApiException> refusal) {
        this.name = name;
        this.refusal = refusal;
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
                .recordException(isOutage::test)
                .ignoreException(failure -> !family.isInstance(failure))
                .clock(clock)
                .build());
        this.bulkhead = bulkheads.bulkhead(name);
        this.breaker = breakers.circuitBreaker(name);
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("{} circuit breaker {}", name, event.getStateTransition()));
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /**
     * Makes one call to the platform (which may send more than one request).
     *
     * @throws ApiException the platform's "unavailable" code: too many calls in flight, or the breaker is open; the platform was not called
     */
    public <T> T call(Supplier<T> platformCall) {
        try {
            return Bulkhead.decorateSupplier(bulkhead, CircuitBreaker.decorateSupplier(breaker, platformCall)).get();
        } catch (BulkheadFullException e) {
            throw refusal.apply(BUSY_RETRY_AFTER);
        } catch (CallNotPermittedException e) {
            throw refusal.apply(openFor);
        }
    }

    /** The platform, as metrics name it. */
    public String name() {
        return name;
    }

    /** For tests and health: the breaker's state. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
