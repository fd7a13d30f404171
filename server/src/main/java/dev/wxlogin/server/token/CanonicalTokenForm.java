package dev.wxlogin.server.token;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * The one spelling of an access token. A compact JWS can be respelled without its key: base64url
 * with padding or with different unused trailing bits decodes to the same bytes, and an ECDSA
 * signature {@code (r, s)} verifies as well as {@code (r, n - s)}. We sign only the canonical form
 * (unpadded base64url, low-S) and verify nothing else, so that a token string identifies one token
 * (in caches, logs and deny lists alike).
 */
final class CanonicalTokenForm {

    /** The order of the P-256 group. */
    static final BigInteger P256_ORDER = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    /** The largest canonical S. */
    static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);

    /** ES256 signatures are R and S, 32 bytes each (RFC 7518 3.4). */
    private static final int SIGNATURE_BYTES = 64;
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CanonicalTokenForm() {
    }

    /**
     * @throws BadJwtException unless {@code token} is three unpadded base64url segments that
     *                         re-encode identically, with a 64-byte low-S ES256 signature
     */
    static void require(String token) {
        if (token == null || !COMPACT.matcher(token).matches()) {
            throw new BadJwtException("the token is not a compact JWS in unpadded base64url");
        }
        String[] segments = token.split("\\.");
        decodeCanonical(segments[0]);
        decodeCanonical(segments[1]);
        byte[] signature = decodeCanonical(segments[2]);
        if (signature.length != SIGNATURE_BYTES) {
            throw new BadJwtException("the signature is not 64 bytes");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || r.compareTo(P256_ORDER) >= 0 || s.signum() == 0 || s.compareTo(P256_HALF_ORDER) > 0) {
            throw new BadJwtException("the signature is not in canonical low-S form");
        }
    }

    /**
     * The same signed token with its ECDSA signature in low-S form: {@code (r, n - s)} when
     * {@code s > n/2}. The JDK's signer makes either form at random.
     */
    static String withLowS(String signed) {
        int dot = signed.lastIndexOf('.');
        byte[] signature = DECODER.decode(signed.substring(dot + 1));
        if (signature.length != SIGNATURE_BYTES) {
            throw new IllegalStateException("not an ES256 signature: " + signature.length + " bytes");
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (s.compareTo(P256_HALF_ORDER) <= 0) {
            return signed;
        }
        byte[] low = P256_ORDER.subtract(s).toByteArray();
        byte[] fixed = Arrays.copyOf(signature, SIGNATURE_BYTES);
        Arrays.fill(fixed, 32, 64, (byte) 0);
        // toByteArray is minimal big-endian, possibly with a sign byte; right-align it in 32 bytes.
        int length = Math.min(low.length, 32);
        System.arraycopy(low, low.length - length, fixed, 64 - length, length);
        return signed.substring(0, dot + 1) + ENCODER.encodeToString(fixed);
    }

    private static byte[] decodeCanonical(String segment) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(segment);
        } catch (IllegalArgumentException e) {
            throw new BadJwtException("a token segment is not base64url");
        }
        if (!ENCODER.encodeToString(bytes).equals(segment)) {
            throw new BadJwtException("a token segment is not in canonical base64url");
        }
        return bytes;
    }
}
