package dev.wxlogin.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.wxlogin.wechat.SessionKey;

/** Encrypts a payload exactly as WeChat does for the page: AES-128-CBC, PKCS#7, a fresh random iv. */
final class WeChatDataEncryptor {

    /** The two base64 strings the page receives. */
    record Encrypted(String encryptedData, String iv) {
    }

    private final SecureRandom random = new SecureRandom();

    Encrypted encrypt(SessionKey sessionKey, String plaintext) {
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(sessionKey.base64()), "AES"),
                    new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Encrypted(Base64.getEncoder().encodeToString(ciphertext), Base64.getEncoder().encodeToString(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is unavailable", e);
        }
    }
}
