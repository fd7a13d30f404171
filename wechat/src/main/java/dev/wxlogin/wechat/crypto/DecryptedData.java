package dev.wxlogin.wechat.crypto;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * Encrypted data that decrypted cleanly and whose watermark passed the policy.
 *
 * @param plaintext the JSON text exactly as WeChat encrypted it
 * @param payload   the same, parsed; unknown fields are kept
 * @param watermark its watermark
 */
public record DecryptedData(String plaintext, JsonNode payload, Watermark watermark) {

    public DecryptedData {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(watermark, "watermark");
    }

    /** A text field of the payload, or {@code null} when absent or not text. */
    public String text(String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
