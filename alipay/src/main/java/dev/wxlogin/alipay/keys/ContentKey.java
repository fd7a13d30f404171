package dev.wxlogin.alipay.keys;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An app's content-encryption key ("接口内容加密方式", an AES key the console generates and shows as
 * base64). Alipay encrypts sensitive answers such as the phone number with it in AES/CBC/PKCS5Padding
 * with an all-zero IV, exactly as alipay-sdk-java's {@code AesEncrypt} does. Never printed.
 */
public final class ContentKey {

    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    /** Alipay's content encryption uses a fixed zero IV; the key alone varies. */
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

    private final SecretKeySpec key;

    private ContentKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    /**
     * The key as the console shows it.
     *
     * @throws AlipayKeyException not base64, or not 16, 24 or 32 bytes (the console's keys are 16)
     */
    public static ContentKey fromBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new AlipayKeyException(AlipayKeyException.Reason.CONTENT_KEY_INVALID, "the AES content key is not base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new AlipayKeyException(AlipayKeyException.Reason.CONTENT_KEY_INVALID,
                    "the AES content key is " + raw.length + " bytes; AES needs 16, 24 or 32 (the console gives 16)");
        }
        return new ContentKey(raw);
    }

    /** Encrypts as Alipay does; what the sandbox uses to play Alipay. */
    public byte[] encrypt(byte[] plaintext) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, ZERO_IV);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is part of every JDK", e);
        }
    }

    /**
     * Decrypts what Alipay encrypted.
     *
     * @return the plaintext, or empty when the ciphertext is not whole blocks or its padding is wrong
     *         (almost always: another key encrypted it)
     */
    public Optional<byte[]> decrypt(byte[] ciphertext) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, ZERO_IV);
            return Optional.of(cipher.doFinal(ciphertext));
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is part of every JDK", e);
        }
    }

    /** The key's size in bits. */
    public int bits() {
        return key.getEncoded().length * 8;
    }

    @Override
    public String toString() {
        return "ContentKey[AES-" + bits() + ", ***]";
    }
}
