package dev.wxlogin.sandbox.alipay;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;

import org.conscrypt.Conscrypt;

/**
 * New 2048-bit RSA key pairs, what RSA2 asks for. From Conscrypt (BoringSSL) where the process has it and its
 * native library loads, as in the service, else from the JDK: the JDK's pure-Java generator takes about a second
 * for one on a JVM that has not compiled {@code BigInteger} with C2 yet, as when a sandbox starts; BoringSSL a
 * tenth of that. The standalone sandbox jar does not carry Conscrypt and uses the JDK's.
 */
final class RsaKeyPairs {

    private static final int BITS = 2048;
    private static final Provider NATIVE = conscrypt();

    private RsaKeyPairs() {
    }

    static KeyPair generate() {
        if (NATIVE != null) {
            try {
                return generate(KeyPairGenerator.getInstance("RSA", NATIVE));
            } catch (NoSuchAlgorithmException | RuntimeException e) {
                // Never seen; the JDK's generator makes the same kind of pair, only slower.
            }
        }
        try {
            return generate(KeyPairGenerator.getInstance("RSA"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    private static KeyPair generate(KeyPairGenerator generator) {
        generator.initialize(BITS);
        return generator.generateKeyPair();
    }

    /** Whether the pairs come from Conscrypt here. */
    static boolean isNative() {
        return NATIVE != null;
    }

    private static Provider conscrypt() {
        try {
            return Conscrypt.isAvailable() ? Conscrypt.newProvider() : null;
        } catch (LinkageError | RuntimeException e) {
            // Not on the class path (the standalone jar), or no native library for this platform.
            return null;
        }
    }
}
