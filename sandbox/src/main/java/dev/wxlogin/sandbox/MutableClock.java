package dev.wxlogin.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand: give it to {@link SandboxSettings#withClock} to expire codes and
 * tokens, or to any component that takes a {@link Clock}, without waiting. It stands still between
 * moves, unless made by {@link #flowing()}: then it runs with the system clock until {@link #stop()}.
 */
public final class MutableClock extends Clock {

    private volatile Instant stoppedAt;
    private volatile Duration moved = Duration.ZERO;

    /** Starts at the present moment, standing still. */
    public MutableClock() {
        this(Instant.now());
    }

    /** Starts at {@code start}, standing still. */
    public MutableClock(Instant start) {
        this.stoppedAt = start;
    }

    /** A clock that runs with the system clock, plus what it was moved by. */
    public static MutableClock flowing() {
        MutableClock clock = new MutableClock();
        clock.stoppedAt = null;
        return clock;
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public synchronized void advance(Duration by) {
        moved = moved.plus(by);
    }

    /** Stands still from now on, at the time it shows now. */
    public synchronized void stop() {
        if (stoppedAt == null) {
            stoppedAt = instant().minus(moved);
        }
    }

    /** Back to the present, running with the system clock, as {@link #flowing()} made it. */
    public synchronized void reset() {
        stoppedAt = null;
        moved = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant base = stoppedAt;
        return (base == null ? Instant.now() : base).plus(moved);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
