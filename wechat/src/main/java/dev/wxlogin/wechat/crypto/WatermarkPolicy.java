package dev.wxlogin.wechat.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.wxlogin.wechat.crypto.DecryptionException.Reason;

/**
 * When a watermark is acceptable: it must name our appid, and, unless {@code maxAge} is zero, be no
 * older than {@code maxAge} and no further ahead than {@code clockSkew}.
 *
 * @param maxAge    the oldest acceptable watermark; {@link Duration#ZERO} turns the age check off
 * @param clockSkew how far ahead of our clock a watermark may be
 * @param clock     the clock to judge by
 */
public record WatermarkPolicy(Duration maxAge, Duration clockSkew, Clock clock) {

    public WatermarkPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("maxAge and clockSkew must not be negative");
        }
    }

    /** Checks the appid and the age; a maxAge of zero checks the appid alone. */
    public static WatermarkPolicy of(Duration maxAge) {
        return new WatermarkPolicy(maxAge, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /** The same policy judged by another clock. */
    public WatermarkPolicy withClockOf(Clock clock) {
        return new WatermarkPolicy(maxAge, clockSkew, clock);
    }

    /** Whether the age is checked at all. */
    public boolean checksFreshness() {
        return !maxAge.isZero();
    }

    /**
     * @throws DecryptionException {@link Reason#WATERMARK_APPID_MISMATCH}, {@link Reason#WATERMARK_EXPIRED}
     *                             or {@link Reason#WATERMARK_IN_FUTURE}
     */
    public void check(String expectedAppid, Watermark watermark) {
        if (!watermark.appid().equals(expectedAppid)) {
            throw new DecryptionException(Reason.WATERMARK_APPID_MISMATCH,
                    "the data was made for appid " + watermark.appid() + ", not " + expectedAppid);
        }
        if (!checksFreshness()) {
            return;
        }
        Instant now = clock.instant();
        if (watermark.timestamp().isBefore(now.minus(maxAge))) {
            throw new DecryptionException(Reason.WATERMARK_EXPIRED,
                    "the data is " + Duration.between(watermark.timestamp(), now).toSeconds()
                            + " s old; at most " + maxAge.toSeconds() + " s is accepted");
        }
        if (watermark.timestamp().isAfter(now.plus(clockSkew))) {
            throw new DecryptionException(Reason.WATERMARK_IN_FUTURE,
                    "the data's timestamp is " + Duration.between(now, watermark.timestamp()).toSeconds() + " s in the future");
        }
    }
}
