package dev.wxlogin.server.user;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.wxlogin.server.link.LinkCandidate;
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
 * @param linkCandidates  in the answer to a binding only: the accounts on other platforms holding the same number that
 *                        this user may link ({@code POST /api/v1/me/links}); absent when there are none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PhoneView(String phoneNumber, String purePhoneNumber, String countryCode, Instant verifiedAt, boolean masked,
                        List<LinkCandidate> linkCandidates) {

    public PhoneView(String phoneNumber, String purePhoneNumber, String countryCode, Instant verifiedAt, boolean masked) {
        this(phoneNumber, purePhoneNumber, countryCode, verifiedAt, masked, List.of());
    }

    public PhoneView {
        linkCandidates = linkCandidates == null ? List.of() : List.copyOf(linkCandidates);
    }

    public static PhoneView masked(BoundPhone phone) {
        return new PhoneView(phone.masked(), null, phone.countryCode(), phone.verifiedAt(), true);
    }

    public static PhoneView revealed(BoundPhone phone) {
        return new PhoneView(phone.phoneNumber(), phone.purePhoneNumber(), phone.countryCode(), phone.verifiedAt(), false);
    }

    /** This view with the accounts the user may now link. */
    public PhoneView withLinkCandidates(List<LinkCandidate> candidates) {
        return new PhoneView(phoneNumber, purePhoneNumber, countryCode, verifiedAt, masked, candidates);
    }

    @Override
    public String toString() {
        return "PhoneView[+" + countryCode + " " + (masked ? phoneNumber : PhoneNumber.mask(purePhoneNumber)) + "]";
    }
}
