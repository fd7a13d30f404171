package dev.wxlogin.server.platform;

import java.util.Objects;

import dev.wxlogin.server.app.Platform;
import dev.wxlogin.wechat.phone.PhoneNumber;

/**
 * A phone number the platform vouched for (decrypted with the user's session key, or verified with
 * Alipay's signature), in WeChat's shape.
 *
 * @param platform        where it came from
 * @param appid           the app it was given to
 * @param phoneNumber     as the platform gave it (with the country code when it had one)
 * @param purePhoneNumber without the country code
 * @param countryCode     e.g. {@code 86}; Alipay gives mainland numbers without one, taken to be {@code 86}
 */
public record VerifiedPhoneNumber(Platform platform, String appid, String phoneNumber, String purePhoneNumber, String countryCode) {

    public VerifiedPhoneNumber {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(purePhoneNumber, "purePhoneNumber");
        Objects.requireNonNull(countryCode, "countryCode");
    }

    @Override
    public String toString() {
        return "VerifiedPhoneNumber[platform=" + platform.wireName() + ", appid=" + appid + ", number=" + PhoneNumber.mask(purePhoneNumber) + "]";
    }
}
