package dev.wxlogin.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run the sandbox.
 *
 * @param host          the address to listen on; loopback unless you mean otherwise
 * @param port          the port, or 0 for any free one
 * @param apps          the mini programs it knows
 * @param codeTtl       how long a login or phone code stays valid (WeChat: 5 minutes)
 * @param clock         the clock for code and token expiry and watermarks; tests move it
 * @param tokenLifetime how long an access_token lives (WeChat: 7200 s)
 */
public record SandboxSettings(String host, int port, List<SandboxApp> apps, Duration codeTtl, Clock clock, Duration tokenLifetime) {

    /** WeChat's access_token lifetime. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(7200);

    public SandboxSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(codeTtl, "codeTtl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        apps = List.copyOf(apps);
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("the sandbox needs at least one app");
        }
        if (tokenLifetime.getSeconds() < 1) {
            throw new IllegalArgumentException("tokenLifetime must be at least a second");
        }
    }

    /** Settings with WeChat's 7200 s access_token lifetime. */
    public SandboxSettings(String host, int port, List<SandboxApp> apps, Duration codeTtl, Clock clock) {
        this(host, port, apps, codeTtl, clock, DEFAULT_TOKEN_LIFETIME);
    }

    /** Loopback, a free port, the given apps, WeChat's 5-minute codes and 7200 s tokens, the system clock. */
    public static SandboxSettings of(SandboxApp... apps) {
        return new SandboxSettings("127.0.0.1", 0, List.of(apps), Duration.ofMinutes(5), Clock.systemUTC());
    }

    public SandboxSettings withPort(int port) {
        return new SandboxSettings(host, port, apps, codeTtl, clock, tokenLifetime);
    }

    public SandboxSettings withClock(Clock clock) {
        return new SandboxSettings(host, port, apps, codeTtl, clock, tokenLifetime);
    }

    public SandboxSettings withTokenLifetime(Duration tokenLifetime) {
        return new SandboxSettings(host, port, apps, codeTtl, clock, tokenLifetime);
    }
}
