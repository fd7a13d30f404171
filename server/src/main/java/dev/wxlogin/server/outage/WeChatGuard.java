package dev.wxlogin.server.outage;

import java.time.Clock;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.wxlogin.wechat.WeChatException;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatError;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
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
 * {@code resilience4j_circuitbreaker_state{name="wechat"}} and the bulkhead's gauges. The other platforms
 * have guards of their own ({@link PlatformGuards}), so their outages never trip WeChat's.
 */
@Component
public class WeChatGuard {

    /** The name of the bulkhead and the breaker in metrics. */
    public static final String NAME = "wechat";

    private final OutageGuard guard;

    WeChatGuard(WeChatOutageProperties properties, MeterRegistry meters, ObjectProvider<Clock> clock) {
        this.guard = new OutageGuard(NAME, properties, meters, clock.getIfAvailable(Clock::systemUTC), WeChatException.class,
                WeChatGuard::isWeChatFailure, WeChatCallRefusedException::new);
    }

    /**
     * Makes one WeChat call (which may send more than one request: a busy retry, a token refresh).
     *
     * @throws WeChatCallRefusedException too many calls in flight, or the breaker is open: WeChat was not called
     */
    public <T> T call(Supplier<T> weChatCall) {
        return guard.call(weChatCall);
    }

    /** For tests and health: the breaker's state. */
    public CircuitBreaker.State state() {
        return guard.state();
    }

    /** WeChat's guard as one of the platforms'. */
    OutageGuard guard() {
        return guard;
    }

    private static boolean isWeChatFailure(Throwable failure) {
        return failure instanceof WeChatUnavailableException
                || (failure instanceof WeChatApiException api && api.error() == WeChatError.SYSTEM_BUSY);
    }
}
