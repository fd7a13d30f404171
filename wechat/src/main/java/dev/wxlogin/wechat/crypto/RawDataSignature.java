package dev.wxlogin.wechat.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;

/**
 * The signature WeChat puts beside {@code rawData}: {@code sha1_hex(rawData + session_key)}.
 * It proves the plain user info came from WeChat for this session.
 */
public final class RawDataSignature {

    private RawDataSignature() {
    }

    /** Computes the lower-case hex signature for {@code rawData}. */
    public static String sign(String rawData, SessionKey sessionKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((rawData + sessionKey.base64()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }

    /**
     * Checks a signature in constant time.
     *
     * @throws DecryptionException {@link Reason#SIGNATURE_MISMATCH} when it does not match
     */
    public static void verify(String rawData, String signature, SessionKey sessionKey) {
        if (rawData == null || signature == null) {
            throw new DecryptionException(Reason.SIGNATURE_MISMATCH, "rawData and signature must come together");
        }
        byte[] expected = sign(rawData, sessionKey).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new DecryptionException(Reason.SIGNATURE_MISMATCH, "the rawData signature does not match");
        }
    }
}
