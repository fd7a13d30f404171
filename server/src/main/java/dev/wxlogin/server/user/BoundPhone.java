package dev.wxlogin.server.user;

import java.time.Instant;

import dev.wxlogin.wechat.phone.PhoneNumber;

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

    /** All but the first three and last four digits hidden: {@code 138****5678} ({@link PhoneNumber#mask}). */
    public String masked() {
        return PhoneNumber.mask(purePhoneNumber);
    }

    @Override
    public String toString() {
        return "BoundPhone[+" + countryCode + " " + masked() + "]";
    }
}
