package dev.wxlogin.alipay.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;

/**
 * RSA2 as Alipay names it: SHA256withRSA (PKCS#1 v1.5) over the UTF-8 bytes of the content, the signature
 * in standard base64. Only the UTF-8 charset is used: this core always sends {@code charset=utf-8}.
 */
public final class Rsa2Signature {

    /** The {@code sign_type} value. */
    public static final String SIGN_TYPE = "RSA2";
    private static final String ALGORITHM = "SHA256withRSA";

    private Rsa2Signature() {
    }

    /** Signs {@code content} with {@code key}. */
    public static String sign(String content, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the key cannot sign SHA256withRSA", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is part of every JDK", e);
        }
    }

    /**
     * Whether {@code base64Signature} is {@code key}'s signature over {@code content}. A signature that is
     * missing, not base64 or of the wrong length is simply not valid.
     */
    public static boolean verify(String content, String base64Signature, PublicKey key) {
        if (content == null || base64Signature == null || base64Signature.isEmpty()) {
            return false;
        }
        byte[] raw;
        try {
            // Alipay's signatures are one line; tolerate the line breaks some proxies and clients add.
            raw = Base64.getMimeDecoder().decode(base64Signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(raw);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the key cannot verify SHA256withRSA", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is part of every JDK", e);
        }
    }
}
