package dev.wxlogin.server.user;

import java.time.Instant;

/**
 * The phone number bound to a user, as WeChat vouched for it. Personal data: {@link #toString()}
 * masks it, and the API shows it masked unless the user asks for their own number.
 *
 * @param phoneNumber     as WeChat shows it (numbers outside mainland China carry their country code)
 * @param purePhoneNumber without country code
 * @param countryCode     e.g. {@code "86"}
 * @param verifiedAt      when it was bound
 */
public record BoundPhone(String phoneNumber, String purePhoneNumber, String countryCode, Instant verifiedAt) {

    /** All but the first three and last four digits hidden: {@code 138****5678}. */
    public String masked() {
        return mask(purePhoneNumber);
    }

    /** Masks a number as {@link #masked()} does. */
    public static String mask(String pure) {
        if (pure.length() < 7) {
            return "*".repeat(Math.max(0, pure.length() - 2)) + pure.substring(Math.max(0, pure.length() - 2));
        }
        return pure.substring(0, 3) + "*".repeat(pure.length() - 7) + pure.substring(pure.length() - 4);
    }

    @Override
    public String toString() {
        return "BoundPhone[+" + countryCode + " " + masked() + "]";
    }
}
