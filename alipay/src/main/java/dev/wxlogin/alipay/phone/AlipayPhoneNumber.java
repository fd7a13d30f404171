package dev.wxlogin.alipay.phone;

import java.util.Objects;

/**
 * A phone number Alipay vouched for.
 *
 * @param mobile the number as Alipay sent it in {@code mobile}: digits, mainland numbers without a country code
 */
public record AlipayPhoneNumber(String mobile) {

    public AlipayPhoneNumber {
        Objects.requireNonNull(mobile, "mobile");
        if (!mobile.matches("\\+?[0-9]{5,20}")) {
            throw new IllegalArgumentException("not a phone number");
        }
    }

    @Override
    public String toString() {
        // Personal data: enough to recognise in a log, not to call.
        int shown = Math.min(3, mobile.length() / 3);
        return "AlipayPhoneNumber[" + mobile.substring(0, shown) + "****" + mobile.substring(mobile.length() - shown) + "]";
    }
}
