package dev.wxlogin.alipay.keys;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads RSA keys from the text Alipay's key tool and console give: PEM, or the bare base64 the tool
 * shows (one line, no header). Private keys in PKCS#8 ("PKCS8(JAVA适用)") or PKCS#1 ("PKCS1(非JAVA适用)");
 * public keys as X.509 SubjectPublicKeyInfo. Errors name what is wrong and never quote the key.
 */
public final class KeyText {

    /** rsaEncryption's AlgorithmIdentifier, DER: SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final List<String> OTHER_ALGORITHMS = List.of("EC", "Ed25519", "Ed448", "DSA", "XDH");

    private KeyText() {
    }

    /**
     * The app's private key.
     *
     * @throws AlipayKeyException unparseable, a public key, encrypted, or not RSA
     */
    public static PrivateKey privateKey(String text) {
        if (text == null || text.isBlank()) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_UNPARSEABLE, "the app private key is empty");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("BEGIN ENCRYPTED PRIVATE KEY") || upper.contains("PROC-TYPE: 4,ENCRYPTED")) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_ENCRYPTED,
                    "the app private key is passphrase-protected; give the plain PKCS#8 key Alipay's key tool writes");
        }
        if (upper.contains("BEGIN PUBLIC KEY") || upper.contains("BEGIN CERTIFICATE")) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_IS_PUBLIC,
                    "a public key or certificate was given as the app private key");
        }
        byte[] der = base64Body(text, AlipayKeyException.Reason.PRIVATE_KEY_UNPARSEABLE, "the app private key");
        boolean pkcs1Pem = upper.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1Pem) {
            PrivateKey pkcs8 = pkcs8(der, "RSA");
            if (pkcs8 != null) {
                return pkcs8;
            }
            for (String algorithm : OTHER_ALGORITHMS) {
                PrivateKey other = pkcs8(der, algorithm);
                if (other != null) {
                    throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_NOT_RSA,
                            "the app private key is a " + other.getAlgorithm() + " key; RSA2 needs an RSA key");
                }
            }
            if (x509(der, "RSA") != null) {
                throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_IS_PUBLIC,
                        "a public key was given as the app private key");
            }
        }
        PrivateKey pkcs1 = pkcs8(wrapPkcs1(der), "RSA");
        if (pkcs1 != null) {
            return pkcs1;
        }
        throw new AlipayKeyException(AlipayKeyException.Reason.PRIVATE_KEY_UNPARSEABLE,
                "the app private key is neither a PKCS#8 nor a PKCS#1 RSA private key");
    }

    /**
     * Alipay's public key for the app.
     *
     * @throws AlipayKeyException unparseable, a private key, a certificate, or not RSA
     */
    public static PublicKey publicKey(String text) {
        if (text == null || text.isBlank()) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_UNPARSEABLE, "the Alipay public key is empty");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("BEGIN CERTIFICATE")) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_IS_CERTIFICATE,
                    "a certificate was given as the Alipay public key: the app uses certificate mode (公钥证书); "
                            + "switch the app to public-key mode (公钥) on the console and give Alipay's public key");
        }
        if (upper.contains("PRIVATE KEY")) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_IS_PRIVATE,
                    "a private key was given as the Alipay public key");
        }
        byte[] der = base64Body(text, AlipayKeyException.Reason.PUBLIC_KEY_UNPARSEABLE, "the Alipay public key");
        PublicKey rsa = x509(der, "RSA");
        if (rsa != null) {
            return rsa;
        }
        for (String algorithm : OTHER_ALGORITHMS) {
            PublicKey other = x509(der, algorithm);
            if (other != null) {
                throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_NOT_RSA,
                        "the Alipay public key is a " + other.getAlgorithm() + " key; RSA2 needs an RSA key");
            }
        }
        if (pkcs8(der, "RSA") != null || pkcs8(wrapPkcs1(der), "RSA") != null) {
            throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_IS_PRIVATE,
                    "a private key was given as the Alipay public key");
        }
        throw new AlipayKeyException(AlipayKeyException.Reason.PUBLIC_KEY_UNPARSEABLE,
                "the Alipay public key is not an X.509 (SubjectPublicKeyInfo) public key");
    }

    private static byte[] base64Body(String text, AlipayKeyException.Reason reason, String what) {
        StringBuilder body = new StringBuilder();
        for (String line : text.strip().split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-----") || trimmed.contains(":")) {
                continue; // PEM armour and headers
            }
            body.append(trimmed.replaceAll("\\s+", ""));
        }
        try {
            byte[] der = Base64.getDecoder().decode(body.toString());
            if (der.length == 0) {
                throw new AlipayKeyException(reason, what + " is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new AlipayKeyException(reason, what + " is not base64");
        }
    }

    private static PrivateKey pkcs8(byte[] der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static PublicKey x509(byte[] der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** PKCS#8 around a PKCS#1 RSAPrivateKey: SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING { key } }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        content.write(0x04);
        content.writeBytes(derLength(pkcs1.length));
        content.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        sequence.writeBytes(derLength(content.size()));
        sequence.writeBytes(content.toByteArray());
        return sequence.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
