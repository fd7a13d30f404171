package dev.wxlogin.server.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import dev.wxlogin.server.token.AccessToken;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a rotation's {@link Successor} so that only the holder of the rotated refresh token can
 * open it: AES-256-GCM under HMAC-SHA256(key = the presented token, message = a label of its own).
 * The stored lookup hash is a plain SHA-256 of the token, so it does not give this key away, and
 * the row id is bound as associated data, so a sealed successor copied onto another row does not
 * open.
 */
final class SuccessorSealing {

    private static final byte[] LABEL = "wxlogin refresh-token successor v1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    /** base64(iv | ciphertext+tag) of the successor. */
    String seal(String presentedToken, String rowId, Successor successor) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, presentedToken, rowId, iv).doFinal(encode(successor));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a refresh token's successor", e);
        }
    }

    /** Opens what {@link #seal} made; empty when it was not sealed for this token and row. */
    Optional<Successor> open(String presentedToken, String rowId, String sealed) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
        byte[] iv = new byte[IV_BYTES];
        buffer.get(iv);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        try {
            return Optional.of(decode(cipher(Cipher.DECRYPT_MODE, presentedToken, rowId, iv).doFinal(ciphertext)));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a refresh token's successor", e);
        }
    }

    private static Cipher cipher(int mode, String presentedToken, String rowId, byte[] iv) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(presentedToken.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(hmac.doFinal(LABEL), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(rowId.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    // One field a line: none of them (a JWT, base64url, a UUID, ISO instants) can hold a line break.
    private static byte[] encode(Successor successor) {
        AccessToken access = successor.accessToken();
        RefreshToken refresh = successor.refreshToken();
        return String.join("\n", access.value(), access.jti(), access.expiresAt().toString(),
                refresh.value(), refresh.familyId(), refresh.expiresAt().toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static Successor decode(byte[] plaintext) {
        String[] fields = new String(plaintext, StandardCharsets.UTF_8).split("\n", -1);
        return new Successor(new AccessToken(fields[0], fields[1], Instant.parse(fields[2])),
                new RefreshToken(fields[3], fields[4], Instant.parse(fields[5])));
    }
}
