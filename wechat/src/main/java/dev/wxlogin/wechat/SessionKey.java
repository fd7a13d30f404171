package dev.wxlogin.wechat;

import java.util.Objects;

/**
 * WeChat's {@code session_key}: the base64 text of a 16-byte AES key that decrypts what the mini
 * program sends. A value type of its own so that it can never be printed by accident:
 * {@link #toString()} hides it, and only {@link #base64()} gives the secret out.
 */
public final class SessionKey {

    private final String base64;

    private SessionKey(String base64) {
        this.base64 = base64;
    }

    /** Wraps the base64 text exactly as WeChat returned it. */
    public static SessionKey of(String base64) {
        Objects.requireNonNull(base64, "session key");
        if (base64.isBlank()) {
            throw new IllegalArgumentException("session key must not be blank");
        }
        return new SessionKey(base64);
    }

    /** The secret itself, for decryption, signatures and storage; never for logs or responses. */
    public String base64() {
        return base64;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKey other
                && java.security.MessageDigest.isEqual(
                        base64.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        other.base64.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return base64.hashCode();
    }

    @Override
    public String toString() {
        return "SessionKey[***]";
    }
}
