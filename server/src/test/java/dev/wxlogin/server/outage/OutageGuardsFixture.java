package dev.wxlogin.server.outage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outage guards of a test that builds the service's classes by hand, with the service's default
 * thresholds ({@code wxlogin.wechat.*}): WeChat's and, sharing it, every platform's.
 */
public final class OutageGuardsFixture {

    /** {@code wxlogin.wechat.max-concurrent-calls} and {@code wxlogin.wechat.breaker.*} as their defaults. */
    public static final WeChatOutageProperties DEFAULTS =
            new WeChatOutageProperties(64, new WeChatOutageProperties.Breaker(20, 10, 50, Duration.ofSeconds(10), 3));

    private OutageGuardsFixture() {
    }

    public static WeChatGuard weChatGuard(MeterRegistry meters, Clock clock) {
        return new WeChatGuard(DEFAULTS, meters, provider(clock));
    }

    /** Every platform's guards, WeChat's being {@code weChat}. */
    public static PlatformGuards platformGuards(WeChatGuard weChat, MeterRegistry meters, Clock clock) {
        return new PlatformGuards(weChat, DEFAULTS, meters, provider(clock));
    }

    /** {@code clock} as the service's guards take it: from the application context. */
    private static ObjectProvider<Clock> provider(Clock clock) {
        return new StaticListableBeanFactory(Map.of("clock", clock)).getBeanProvider(Clock.class);
    }
}
