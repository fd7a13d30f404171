package dev.wxlogin.server.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private signing keys at rest with a secret the operator configures: AES-256-GCM under a key
 * derived by PBKDF2-HMAC-SHA256 from the secret and a random salt per key. The key id is bound as
 * associated data, so a sealed key copied onto another row does not open.
 */
final class PrivateKeyEncryption {

    /** The value of {@code signing_key.private_key_encryption} for keys sealed by this class. */
    static final String SCHEME = "PBKDF2-AES256-GCM";
    /** The value for keys stored as they are, when no secret is configured. */
    static final String NONE = "NONE";

    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int ITERATIONS = 210_000;

    private final char[] secret;
    private final SecureRandom random = new SecureRandom();

    PrivateKeyEncryption(String secret) {
        this.secret = secret.toCharArray();
    }

    /** base64(salt | iv | ciphertext+tag) of {@code plaintext}. */
    String seal(String kid, String plaintext) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(salt);
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kid, salt, iv);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(salt.length + iv.length + sealed.length)
                    .put(salt).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt signing key " + kid, e);
        }
    }

    /**
     * Opens what {@link #seal} made.
     *
     * @throws WrongKeyEncryptionSecretException when the secret is not the one it was sealed with
     */
    String open(String kid, String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        buffer.get(salt).get(iv);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, kid, salt, iv).doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new WrongKeyEncryptionSecretException(kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid, e);
        }
    }

    private Cipher cipher(int mode, String kid, byte[] salt, byte[] iv) throws GeneralSecurityException {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(secret, salt, ITERATIONS, 256)).getEncoded();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
