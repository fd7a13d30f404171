package dev.wxlogin.wechat.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.wxlogin.wechat.SessionKey;

/**
 * Whatever a page sends, decryption and the rawData signature either succeed or fail with a
 * {@link DecryptionException}: no other exception, no garbage returned. Runs its committed seeds
 * ({@code src/test/resources/.../DecryptionFuzzTestInputs}) in every build; {@code JAZZER_FUZZ=1}
 * fuzzes (see the README).
 */
@Tag("fuzz")
class DecryptionFuzzTest {

    private static final String APPID = "wx4f4bc4dec97d474b";
    private static final byte[] KEY = Base64.getDecoder().decode("tiihtNczf5v6AKRyjwEUhQ==");
    private static final byte[] IV = Base64.getDecoder().decode("r7BXXKkLb8qrSNn05n0qiA==");
    private static final Instant NOW = Instant.ofEpochSecond(1477314187);

    private final EncryptedDataDecryptor decryptor = new EncryptedDataDecryptor(
            new WatermarkPolicy(Duration.ofMinutes(10), Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC)));

    /** Any encryptedData, iv and session_key text: the ciphertext and key checks. */
    @FuzzTest
    void anyCiphertextIvAndKeyDecryptOrAreRefused(FuzzedDataProvider data) {
        String key = data.consumeString(40);
        String iv = data.consumeString(40);
        String encryptedData = data.consumeRemainingAsString();
        decryptOrRefuse(key.isBlank() ? SessionKey.of(Base64.getEncoder().encodeToString(KEY)) : SessionKey.of(key), encryptedData, iv);
    }

    /** Any plaintext, properly encrypted under the user's key: the UTF-8, JSON and watermark checks. */
    @FuzzTest
    void anyPlaintextUnderTheRightKeyDecryptsOrIsRefused(byte[] plaintext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
        String encryptedData = Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
        DecryptedData decrypted = decryptOrRefuse(SessionKey.of(Base64.getEncoder().encodeToString(KEY)), encryptedData,
                Base64.getEncoder().encodeToString(IV));
        if (decrypted != null) {
            assertThat(decrypted.watermark().appid()).isEqualTo(APPID);
        }
    }

    /** Any rawData and signature: they match, or the mismatch is a DecryptionException. */
    @FuzzTest
    void anyRawDataAndSignatureVerifyOrAreRefused(FuzzedDataProvider data) {
        String signature = data.consumeString(60);
        String rawData = data.consumeRemainingAsString();
        SessionKey key = SessionKey.of(Base64.getEncoder().encodeToString(KEY));
        try {
            RawDataSignature.verify(rawData, signature, key);
            assertThat(signature.toLowerCase(java.util.Locale.ROOT)).isEqualTo(RawDataSignature.sign(rawData, key));
        } catch (DecryptionException refused) {
            assertThat(refused.reason()).isEqualTo(DecryptionException.Reason.SIGNATURE_MISMATCH);
        }
    }

    private DecryptedData decryptOrRefuse(SessionKey key, String encryptedData, String iv) {
        try {
            return decryptor.decrypt(APPID, key, encryptedData, iv);
        } catch (DecryptionException refused) {
            assertThat(refused.getMessage()).doesNotContain(key.base64());
            return null;
        }
    }
}
