package dev.wxlogin.wechat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.OfficialSamples;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;
import tools.jackson.databind.JsonNode;

class EncryptedDataDecryptorTest {

    private static final JsonNode SAMPLE = OfficialSamples.encryptedData();
    private static final String APPID = SAMPLE.get("appId").asString();
    private static final SessionKey KEY = SessionKey.of(SAMPLE.get("sessionKey").asString());
    private static final String IV = SAMPLE.get("iv").asString();
    private static final String DATA = SAMPLE.get("encryptedData").asString();
    private static final Instant SAMPLE_TIME = Instant.ofEpochSecond(1477314187);

    /** Judges freshness as if it were the moment WeChat made the sample. */
    private static EncryptedDataDecryptor decryptorAt(Instant now, Duration maxAge) {
        return new EncryptedDataDecryptor(new WatermarkPolicy(maxAge, Duration.ofMinutes(1), Clock.fixed(now, ZoneOffset.UTC)));
    }

    private final EncryptedDataDecryptor decryptor = decryptorAt(SAMPLE_TIME.plusSeconds(30), Duration.ofMinutes(10));

    @Test
    void officialSampleDecryptsToItsExactPlaintext() {
        DecryptedData data = decryptor.decrypt(APPID, KEY, DATA, IV);

        assertThat(data.plaintext()).isEqualTo(SAMPLE.get("plaintext").asString());
        assertThat(data.text("openId")).isEqualTo("oGZUI0egBJY1zhBYw2KhdUfwVJJE");
        assertThat(data.text("unionId")).isEqualTo("ocMvos6NjeKLIBqg5Mr9QjxrP1FA");
        assertThat(data.watermark()).isEqualTo(new Watermark(APPID, SAMPLE_TIME));
    }

    @Test
    void spacesFromAnUnencodedPlusAreRepaired() {
        assertThat(DATA).contains("+");
        DecryptedData data = decryptor.decrypt(APPID, KEY, DATA.replace('+', ' '), IV);
        assertThat(data.plaintext()).isEqualTo(SAMPLE.get("plaintext").asString());
    }

    @Test
    void freshnessCheckCanBeTurnedOff() {
        DecryptedData data = decryptorAt(Instant.parse("2030-01-01T00:00:00Z"), Duration.ZERO).decrypt(APPID, KEY, DATA, IV);
        assertThat(data.watermark().timestamp()).isEqualTo(SAMPLE_TIME);
    }

    @Test
    void watermarkOlderThanMaxAgeIsRefused() {
        EncryptedDataDecryptor later = decryptorAt(SAMPLE_TIME.plus(Duration.ofMinutes(11)), Duration.ofMinutes(10));
        assertReason(() -> later.decrypt(APPID, KEY, DATA, IV), Reason.WATERMARK_EXPIRED);
    }

    @Test
    void watermarkFromTheFutureIsRefused() {
        EncryptedDataDecryptor earlier = decryptorAt(SAMPLE_TIME.minus(Duration.ofMinutes(5)), Duration.ofMinutes(10));
        assertReason(() -> earlier.decrypt(APPID, KEY, DATA, IV), Reason.WATERMARK_IN_FUTURE);
    }

    @Test
    void watermarkForAnotherAppIsRefused() {
        assertReason(() -> decryptor.decrypt("wx0000000000000000", KEY, DATA, IV), Reason.WATERMARK_APPID_MISMATCH);
    }

    @Test
    void sessionKeyThatIsNotBase64IsRefused() {
        assertReason(() -> decryptor.decrypt(APPID, SessionKey.of("not*base64!"), DATA, IV), Reason.INVALID_SESSION_KEY);
    }

    @Test
    void sessionKeyOfWrongLengthIsRefused() {
        String twentyFourBytes = Base64.getEncoder().encodeToString(new byte[24]);
        assertReason(() -> decryptor.decrypt(APPID, SessionKey.of(twentyFourBytes), DATA, IV), Reason.INVALID_SESSION_KEY);
    }

    @Test
    void ivThatIsNotBase64OrNot16BytesIsRefused() {
        assertReason(() -> decryptor.decrypt(APPID, KEY, DATA, "%%%"), Reason.INVALID_IV);
        assertReason(() -> decryptor.decrypt(APPID, KEY, DATA, Base64.getEncoder().encodeToString(new byte[8])), Reason.INVALID_IV);
        assertReason(() -> decryptor.decrypt(APPID, KEY, DATA, null), Reason.INVALID_IV);
    }

    @Test
    void ciphertextThatIsNotBase64OrNotWholeBlocksIsRefused() {
        assertReason(() -> decryptor.decrypt(APPID, KEY, "@@not base64@@", IV), Reason.INVALID_CIPHERTEXT);
        assertReason(() -> decryptor.decrypt(APPID, KEY, Base64.getEncoder().encodeToString(new byte[20]), IV), Reason.INVALID_CIPHERTEXT);
        assertReason(() -> decryptor.decrypt(APPID, KEY, "", IV), Reason.INVALID_CIPHERTEXT);
    }

    @Test
    void wrongKeyFailsOnPaddingInsteadOfReturningGarbage() {
        // Another user's key: the final block's padding no longer checks out.
        SessionKey other = SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg==");
        assertReason(() -> decryptor.decrypt(APPID, other, DATA, IV), Reason.WRONG_KEY);
    }

    @Test
    void tamperedLastBlockFailsOnPadding() {
        byte[] bytes = Base64.getDecoder().decode(DATA);
        bytes[bytes.length - 17] ^= 0x01; // flips the last plaintext byte, which is padding
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertReason(() -> decryptor.decrypt(APPID, KEY, tampered, IV), Reason.WRONG_KEY);
    }

    @Test
    void wrongKeyWhosePaddingChecksOutByChanceIsStillAWrongKey() {
        // Random bytes under a wrong key: valid padding, but not UTF-8.
        byte[] garbage = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 0x41};
        assertReason(() -> decryptor.decrypt(APPID, KEY, encrypt(garbage), IV), Reason.WRONG_KEY);
    }

    @Test
    void plaintextThatIsNotJsonIsRefused() {
        assertReason(() -> decryptor.decrypt(APPID, KEY, encrypt("hello, not json"), IV), Reason.MALFORMED_PLAINTEXT);
        assertReason(() -> decryptor.decrypt(APPID, KEY, encrypt("[1,2,3]"), IV), Reason.MALFORMED_PLAINTEXT);
        assertReason(() -> decryptor.decrypt(APPID, KEY, encrypt("{\"a\":1} trailing"), IV), Reason.MALFORMED_PLAINTEXT);
    }

    @Test
    void duplicateWatermarkKeysAreRefused() {
        String json = "{\"watermark\":{\"appid\":\"wx0000000000000000\",\"timestamp\":1477314187},"
                + "\"watermark\":{\"appid\":\"" + APPID + "\",\"timestamp\":1477314187}}";
        assertReason(() -> decryptor.decrypt(APPID, KEY, encrypt(json), IV), Reason.MALFORMED_PLAINTEXT);
    }

    @Test
    void plaintextWithoutWatermarkIsRefused() {
        assertReason(() -> decryptor.decrypt(APPID, KEY, encrypt("{\"openId\":\"x\"}"), IV), Reason.WATERMARK_MISSING);
        assertReason(() -> decryptor.decrypt(APPID, KEY, encrypt("{\"watermark\":{\"appid\":\"" + APPID + "\"}}"), IV),
                Reason.WATERMARK_MISSING);
    }

    @Test
    void unknownFieldsAreKept() {
        String json = "{\"stepInfoList\":[{\"timestamp\":1,\"step\":42}],\"watermark\":{\"appid\":\"" + APPID
                + "\",\"timestamp\":1477314187}}";
        DecryptedData data = decryptor.decrypt(APPID, KEY, encrypt(json), IV);
        assertThat(data.payload().get("stepInfoList").get(0).get("step").asInt()).isEqualTo(42);
    }

    @Test
    void failuresNeverQuoteTheSessionKey() {
        assertThatThrownBy(() -> decryptor.decrypt(APPID, SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg=="), DATA, IV))
                .hasMessageNotContaining("HyVFkGl5F5OQWJZZaNzBBg==");
        assertThat(KEY.toString()).doesNotContain(KEY.base64());
    }

    private static String encrypt(String plaintext) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    private static String encrypt(byte[] plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(KEY.base64()), "AES"),
                    new IvParameterSpec(Base64.getDecoder().decode(IV)));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(DecryptionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(reason.code());
                });
    }
}
