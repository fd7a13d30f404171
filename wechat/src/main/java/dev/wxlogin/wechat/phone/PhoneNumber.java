package dev.wxlogin.wechat.phone;

import java.time.Instant;
import java.util.Objects;

import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;
import dev.wxlogin.wechat.crypto.Watermark;
import tools.jackson.databind.JsonNode;

/**
 * A user's phone number as WeChat vouches for it, from {@code getuserphonenumber} or from the
 * legacy button's encryptedData. {@link #toString()} masks it: it is personal data.
 *
 * @param phoneNumber     as WeChat shows it; numbers outside mainland China carry their country code
 * @param purePhoneNumber the number without country code
 * @param countryCode     e.g. {@code "86"}; WeChat sends it as a number or as a string, kept as text here
 * @param watermark       the app and time WeChat stamped on it
 */
public record PhoneNumber(String phoneNumber, String purePhoneNumber, String countryCode, Watermark watermark) {

    public PhoneNumber {
        requireText(phoneNumber, "phoneNumber");
        requireText(purePhoneNumber, "purePhoneNumber");
        requireText(countryCode, "countryCode");
        Objects.requireNonNull(watermark, "watermark");
    }

    /**
     * Reads the phone number from the legacy {@code getPhoneNumber} button's decrypted payload
     * (decrypt it with {@link dev.wxlogin.wechat.crypto.EncryptedDataDecryptor}, which has already
     * checked the watermark).
     *
     * @throws DecryptionException {@link Reason#NOT_A_PHONE_NUMBER} when a field is missing
     */
    public static PhoneNumber fromDecrypted(DecryptedData data) {
        Objects.requireNonNull(data, "data");
        String phoneNumber = data.text("phoneNumber");
        String pure = data.text("purePhoneNumber");
        String countryCode = countryCode(data.payload().get("countryCode"));
        if (isBlank(phoneNumber) || isBlank(pure) || isBlank(countryCode)) {
            throw new DecryptionException(Reason.NOT_A_PHONE_NUMBER, "the decrypted data has no phoneNumber, purePhoneNumber and countryCode");
        }
        return new PhoneNumber(phoneNumber, pure, countryCode, data.watermark());
    }

    /** The country code as text, whether WeChat sent {@code 86} or {@code "86"}; {@code null} otherwise. */
    static String countryCode(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        return node.isIntegralNumber() ? String.valueOf(node.asLong()) : null;
    }

    /** The number without country code, all but its first three and last four digits hidden: {@code 138****5678}. */
    public String masked() {
        return mask(purePhoneNumber);
    }

    /**
     * The one masking of phone numbers: all but the first three and last four digits hidden
     * ({@code 138****5678}); of a number under seven digits, only the last two are shown.
     */
    public static String mask(String pure) {
        if (pure.length() < 7) {
            return "*".repeat(Math.max(0, pure.length() - 2)) + pure.substring(Math.max(0, pure.length() - 2));
        }
        return pure.substring(0, 3) + "*".repeat(pure.length() - 7) + pure.substring(pure.length() - 4);
    }

    /** When WeChat stamped it. */
    public Instant stampedAt() {
        return watermark.timestamp();
    }

    @Override
    public String toString() {
        return "PhoneNumber[+" + countryCode + " " + masked() + ", appid=" + watermark.appid() + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
