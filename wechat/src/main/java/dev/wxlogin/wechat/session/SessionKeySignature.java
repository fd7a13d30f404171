package dev.wxlogin.wechat.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.wxlogin.wechat.SessionKey;

/**
 * The signature by which WeChat's session-key APIs learn that we hold the user's current
 * session_key without our sending it: {@code hex(hmac_sha256(key, message))}, where the key is the
 * UTF-8 bytes of the base64 session_key text itself (not the 16 bytes it decodes to).
 */
public final class SessionKeySignature {

    private SessionKeySignature() {
    }

    /** Lower-case hex HMAC-SHA256 of {@code message} keyed with the session_key string. */
    public static String sign(SessionKey sessionKey, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey.base64().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The signature {@code checksession} and {@code resetusersessionkey} expect: over the empty string. */
    public static String forCheckSession(SessionKey sessionKey) {
        return sign(sessionKey, "");
    }

    /** Whether {@code signature} (hex, either case) is {@code message} signed with the key; constant time. */
    public static boolean matches(SessionKey sessionKey, String message, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(sessionKey, message).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
