package dev.wxlogin.server.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a stop does before the graceful shutdown.
 *
 * @param drain how long the instance keeps serving with readiness refusing before its port closes
 *              ({@code WXLOGIN_SHUTDOWN_DRAIN}); zero for none
 * @see ShutdownDrain
 */
@ConfigurationProperties("wxlogin.shutdown")
public record ShutdownProperties(@DefaultValue("0s") Duration drain) {

    public ShutdownProperties {
        if (drain.isNegative()) {
            throw new IllegalArgumentException("wxlogin.shutdown.drain must not be negative");
        }
    }
}
