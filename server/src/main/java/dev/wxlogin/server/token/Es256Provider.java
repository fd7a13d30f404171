package dev.wxlogin.server.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;

import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

/**
 * The JCA provider that computes our ES256 signatures. Conscrypt (BoringSSL) signs and verifies
 * P-256 several times faster than the JDK's pure-Java code, so it is used when its native library
 * loads on this platform; otherwise the JDK's own provider is, with the same results.
 *
 * @param provider the provider, or {@code null} for the JDK's default
 * @param name     what the start-up log and tests call it
 */
public record Es256Provider(Provider provider, String name) {

    private static final Logger LOG = LoggerFactory.getLogger(Es256Provider.class);

    /** The JDK's own providers. */
    public static final Es256Provider JDK = new Es256Provider(null, "JDK");

    /** Conscrypt when it loads here, else {@link #JDK}. */
    public static Es256Provider select() {
        return conscrypt().orElse(JDK);
    }

    /** Conscrypt, or empty when its native library does not load on this platform. */
    public static Optional<Es256Provider> conscrypt() {
        try {
            if (Conscrypt.isAvailable()) {
                return Optional.of(new Es256Provider(Conscrypt.newProvider(), "Conscrypt " + Conscrypt.version().major()
                        + "." + Conscrypt.version().minor() + "." + Conscrypt.version().patch()));
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Conscrypt does not load here", e);
        }
        return Optional.empty();
    }

    /**
     * A signer for {@code key} on this provider. The private key is converted to the provider's own
     * form once here, not on every signature.
     */
    public ECDSASigner signer(ECKey key) {
        try {
            PrivateKey privateKey = key.toECPrivateKey();
            if (provider != null) {
                privateKey = (PrivateKey) KeyFactory.getInstance("EC", provider).translateKey(privateKey);
            }
            ECDSASigner signer = new ECDSASigner(privateKey, Curve.P_256);
            if (provider != null) {
                signer.getJCAContext().setProvider(provider);
            }
            return signer;
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use signing key " + key.getKeyID() + " with " + name, e);
        }
    }

    /** A verifier factory for nimbus's JWT processor that verifies on this provider. */
    public DefaultJWSVerifierFactory verifierFactory() {
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        if (provider != null) {
            factory.getJCAContext().setProvider(provider);
        }
        return factory;
    }

    @Override
    public String toString() {
        return name;
    }
}
