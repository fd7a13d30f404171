package dev.wxlogin.server.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.wxlogin.wechat.phone.PhoneNumber;

/**
 * A phone number as the API shows it: masked ({@code 138****5678}) unless the user asked for
 * their own number in full.
 *
 * @param phoneNumber     masked, or in full as WeChat shows it
 * @param purePhoneNumber the number without country code, only when revealed
 * @param countryCode     e.g. {@code "86"}
 * @param verifiedAt      when it was bound
 * @param masked          whether {@code phoneNumber} is masked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhoneView(String phoneNumber, String purePhoneNumber, String countryCode, Instant verifiedAt, boolean masked) {

    public static PhoneView masked(BoundPhone phone) {
        return new PhoneView(phone.masked(), null, phone.countryCode(), phone.verifiedAt(), true);
    }

    public static PhoneView revealed(BoundPhone phone) {
        return new PhoneView(phone.phoneNumber(), phone.purePhoneNumber(), phone.countryCode(), phone.verifiedAt(), false);
    }

    @Override
    public String toString() {
        return "PhoneView[+" + countryCode + " " + (masked ? phoneNumber : PhoneNumber.mask(purePhoneNumber)) + "]";
    }
}
