package dev.wxlogin.server.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM, keeps serving for {@code wxlogin.shutdown.drain} ({@code WXLOGIN_SHUTDOWN_DRAIN}) before
 * the graceful shutdown closes the port.
 *
 * <p>Spring Boot turns readiness to refusing the moment the context begins to close, and its graceful
 * shutdown closes the listening socket right after: a load balancer that learns of the stop from
 * readiness (a health check every few seconds) still sends requests for a moment, and those meet a reset
 * connection (a 502 or 503 at the proxy). With a drain longer than the balancer's check interval plus
 * its timeout, the balancer has taken the instance out before the port closes. This is what a Kubernetes
 * {@code preStop} sleep does, without needing a shell in the image.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;

    ShutdownDrain(ShutdownProperties properties) {
        this.drain = properties.drain();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (drain.isZero()) {
            return;
        }
        LOG.info("Shutting down: readiness is refusing; serving for {} more before the port closes (WXLOGIN_SHUTDOWN_DRAIN)",
                DurationStyle.SIMPLE.print(drain, drain.toMillis() % 1000 == 0 ? ChronoUnit.SECONDS : ChronoUnit.MILLIS));
        try {
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first: before the web server's graceful shutdown and before anything a request needs. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
