package dev.wxlogin.server.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way the service stores a secret it only needs to recognise again (refresh tokens, phone
 * codes): lowercase hex SHA-256 of its UTF-8 bytes. The inputs are long random values, so a plain
 * hash is enough; nothing here is a password.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** Lowercase hex SHA-256 of {@code value}'s UTF-8 bytes (64 characters). */
    public static String hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
