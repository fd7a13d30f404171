package dev.wxlogin.server.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the service must store and read back (private signing keys, WeChat session keys)
 * with the operator's key-encryption secret: AES-256-GCM under a key derived by
 * PBKDF2-HMAC-SHA256 from the secret and a random salt. The caller names what a value belongs to
 * (a key id, a user id) as associated data, so a sealed value copied onto another row does not open.
 *
 * <p>A sealed value is {@code base64(salt | iv | ciphertext+tag)}. PBKDF2 is slow on purpose, so one
 * salt is drawn per process and its derived key kept: sealing costs one AES-GCM operation, and
 * opening derives a key once per salt met (each instance's start leaves one in the database).
 *
 * <p>While the secret is rotated a previous secret still opens what it sealed; {@link Opened#sealedWithPrevious()}
 * says so, and the caller seals such a value again under the current secret. Thread-safe.
 */
public final class AtRestEncryption {

    /** What the stored values name this scheme ({@code signing_key.private_key_encryption}). */
    public static final String SCHEME = "PBKDF2-AES256-GCM";

    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int ITERATIONS = 210_000;

    /**
     * A value opened.
     *
     * @param plaintext          what was sealed
     * @param sealedWithPrevious whether only the previous secret opened it: seal it again
     */
    public record Opened(String plaintext, boolean sealedWithPrevious) {

        @Override
        public String toString() {
            return "Opened[plaintext=***, sealedWithPrevious=" + sealedWithPrevious + "]";
        }
    }

    private final List<char[]> secrets = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] salt = new byte[SALT_BYTES];
    private final Map<String, SecretKeySpec> derivedKeys = new ConcurrentHashMap<>();

    /**
     * @param secret         the key-encryption secret; blank or {@code null} for none: then {@link #enabled()}
     *                       is false and nothing may be sealed
     * @param previousSecret the secret being rotated away from, or blank/{@code null}
     * @throws IllegalArgumentException a previous secret without a current one
     */
    public AtRestEncryption(String secret, String previousSecret) {
        boolean hasSecret = secret != null && !secret.isBlank();
        boolean hasPrevious = previousSecret != null && !previousSecret.isBlank();
        if (hasPrevious && !hasSecret) {
            throw new IllegalArgumentException(
                    "WXLOGIN_KEY_ENCRYPTION_SECRET_PREVIOUS is set but WXLOGIN_KEY_ENCRYPTION_SECRET is not");
        }
        if (hasSecret) {
            secrets.add(secret.toCharArray());
        }
        if (hasPrevious && !previousSecret.equals(secret)) {
            secrets.add(previousSecret.toCharArray());
        }
        random.nextBytes(salt);
    }

    /** Whether a secret is configured, so that values can be sealed. */
    public boolean enabled() {
        return !secrets.isEmpty();
    }

    /** Whether a previous secret is configured too: a rotation is under way. */
    public boolean rotating() {
        return secrets.size() > 1;
    }

    /**
     * {@code plaintext} sealed under the current secret, bound to {@code associatedData}.
     *
     * @throws IllegalStateException when no secret is configured
     */
    public String seal(String associatedData, String plaintext) {
        if (!enabled()) {
            throw new IllegalStateException("no key-encryption secret is configured");
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, 0, salt, iv, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(SALT_BYTES + IV_BYTES + sealed.length)
                    .put(salt).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Opens what {@link #seal} made with the current or the previous secret and the same associated data.
     *
     * @return empty when neither secret opens it (another secret, other associated data, or damaged);
     *         never says more, as the value may be an attacker's
     */
    public Optional<Opened> open(String associatedData, String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length < SALT_BYTES + IV_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] valueSalt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        buffer.get(valueSalt).get(iv);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        for (int index = 0; index < secrets.size(); index++) {
            try {
                byte[] plain = cipher(Cipher.DECRYPT_MODE, index, valueSalt, iv, associatedData).doFinal(ciphertext);
                return Optional.of(new Opened(new String(plain, StandardCharsets.UTF_8), index > 0));
            } catch (AEADBadTagException notThisSecret) {
                // try the previous secret, if there is one
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is unavailable", e);
            }
        }
        return Optional.empty();
    }

    private Cipher cipher(int mode, int secretIndex, byte[] valueSalt, byte[] iv, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key(secretIndex, valueSalt), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private SecretKeySpec key(int secretIndex, byte[] valueSalt) {
        return derivedKeys.computeIfAbsent(secretIndex + ":" + HexFormat.of().formatHex(valueSalt), ignored -> {
            try {
                byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(secrets.get(secretIndex), valueSalt, ITERATIONS, 256)).getEncoded();
                return new SecretKeySpec(key, "AES");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
            }
        });
    }

    @Override
    public String toString() {
        return "AtRestEncryption[secrets=" + secrets.size() + "]";
    }
}
