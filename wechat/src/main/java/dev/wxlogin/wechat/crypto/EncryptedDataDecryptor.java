package dev.wxlogin.wechat.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decrypts the {@code encryptedData}/{@code iv} pairs that mini program APIs hand the page (user
 * info, phone number, run data, share info) and checks their watermark.
 *
 * <p>Strict on purpose: AES-128-CBC with PKCS#7 padding verified by the JDK, a 16-byte key and iv,
 * UTF-8 JSON object text with no duplicate keys and nothing after it, and a watermark that names
 * our appid and passes the {@link WatermarkPolicy}. Each failure is a distinct
 * {@link DecryptionException.Reason}; garbage is never returned. Thread-safe.
 */
public final class EncryptedDataDecryptor {

    private static final int AES_BLOCK = 16;
    /** Far above any payload WeChat produces; refuses to spend work on absurd input. */
    private static final int MAX_CIPHERTEXT_BYTES = 64 * 1024;

    private final WatermarkPolicy watermarkPolicy;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public EncryptedDataDecryptor(WatermarkPolicy watermarkPolicy) {
        this.watermarkPolicy = Objects.requireNonNull(watermarkPolicy, "watermarkPolicy");
    }

    public WatermarkPolicy watermarkPolicy() {
        return watermarkPolicy;
    }

    /**
     * Decrypts and verifies one payload.
     *
     * @param appid         the mini program the data must be made for
     * @param sessionKey    the user's current session_key
     * @param encryptedData base64 ciphertext as the page received it
     * @param iv            base64 iv as the page received it
     * @throws DecryptionException with the reason it cannot be trusted
     */
    public DecryptedData decrypt(String appid, SessionKey sessionKey, String encryptedData, String iv) {
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(sessionKey, "sessionKey");
        byte[] key = WeChatBase64.decode(sessionKey.base64());
        if (key == null || key.length != AES_BLOCK) {
            throw new DecryptionException(Reason.INVALID_SESSION_KEY, "the session_key is not base64 of 16 bytes");
        }
        byte[] ivBytes = WeChatBase64.decode(iv);
        if (ivBytes == null || ivBytes.length != AES_BLOCK) {
            throw new DecryptionException(Reason.INVALID_IV, "iv must be base64 of 16 bytes");
        }
        if (encryptedData != null && encryptedData.length() > MAX_CIPHERTEXT_BYTES * 4 / 3 + 4) {
            throw new DecryptionException(Reason.INVALID_CIPHERTEXT, "encryptedData is too large");
        }
        byte[] ciphertext = WeChatBase64.decode(encryptedData);
        if (ciphertext == null || ciphertext.length == 0 || ciphertext.length % AES_BLOCK != 0) {
            throw new DecryptionException(Reason.INVALID_CIPHERTEXT, "encryptedData must be base64 of whole 16-byte blocks");
        }

        byte[] plainBytes = decryptAes(key, ivBytes, ciphertext);
        String plaintext = utf8(plainBytes);
        JsonNode payload = parseObject(plaintext);
        Watermark watermark = watermarkOf(payload);
        watermarkPolicy.check(appid, watermark);
        return new DecryptedData(plaintext, payload, watermark);
    }

    private static byte[] decryptAes(byte[] key, byte[] iv, byte[] ciphertext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(ciphertext);
        } catch (BadPaddingException e) {
            throw new DecryptionException(Reason.WRONG_KEY,
                    "decryption failed: the data was not encrypted with this user's current session_key");
        } catch (GeneralSecurityException e) {
            // Lengths were checked above, so this is a broken JCE installation, not bad input.
            throw new IllegalStateException("AES/CBC/PKCS5Padding is unavailable", e);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // WeChat always encrypts UTF-8 JSON: bytes that are not UTF-8 mean a wrong key whose
            // padding checked out by chance, not a malformed payload.
            throw new DecryptionException(Reason.WRONG_KEY,
                    "decryption failed: the data was not encrypted with this user's current session_key");
        }
    }

    private JsonNode parseObject(String plaintext) {
        JsonNode node;
        try {
            node = json.readTree(plaintext);
        } catch (JacksonException e) {
            // Not chained: the parser's message would quote the plaintext.
            throw new DecryptionException(Reason.MALFORMED_PLAINTEXT, "the decrypted data is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new DecryptionException(Reason.MALFORMED_PLAINTEXT, "the decrypted data is not a JSON object");
        }
        return node;
    }

    private static Watermark watermarkOf(JsonNode payload) {
        JsonNode watermark = payload.get("watermark");
        if (watermark == null || !watermark.isObject()) {
            throw new DecryptionException(Reason.WATERMARK_MISSING, "the decrypted data has no watermark");
        }
        JsonNode appid = watermark.get("appid");
        JsonNode timestamp = watermark.get("timestamp");
        if (appid == null || !appid.isString() || timestamp == null || !timestamp.canConvertToLong()
                || !timestamp.isIntegralNumber()) {
            throw new DecryptionException(Reason.WATERMARK_MISSING, "the watermark lacks an appid or a timestamp");
        }
        long seconds = timestamp.asLong();
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            // Found by fuzzing: Instant.ofEpochSecond would throw a DateTimeException, answered as a 500.
            throw new DecryptionException(Reason.WATERMARK_MISSING, "the watermark's timestamp is not a time");
        }
        return new Watermark(appid.asString(), Instant.ofEpochSecond(seconds));
    }
}
