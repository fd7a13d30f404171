package dev.wxlogin.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run the sandbox.
 *
 * @param host    the address to listen on; loopback unless you mean otherwise
 * @param port    the port, or 0 for any free one
 * @param apps    the mini programs it knows
 * @param codeTtl how long a login code stays valid (WeChat: 5 minutes)
 * @param clock   the clock for code expiry and watermarks; tests move it
 */
public record SandboxSettings(String host, int port, List<SandboxApp> apps, Duration codeTtl, Clock clock) {

    public SandboxSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(codeTtl, "codeTtl");
        Objects.requireNonNull(clock, "clock");
        apps = List.copyOf(apps);
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("the sandbox needs at least one app");
        }
    }

    /** Loopback, a free port, one app, WeChat's 5-minute codes, the system clock. */
    public static SandboxSettings of(SandboxApp... apps) {
        return new SandboxSettings("127.0.0.1", 0, List.of(apps), Duration.ofMinutes(5), Clock.systemUTC());
    }

    public SandboxSettings withPort(int port) {
        return new SandboxSettings(host, port, apps, codeTtl, clock);
    }

    public SandboxSettings withClock(Clock clock) {
        return new SandboxSettings(host, port, apps, codeTtl, clock);
    }
}
