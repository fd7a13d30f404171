package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

class Es256ProviderTest {

    private static final boolean X86_64 = List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    private static final ECKey KEY = generate();
    private static final ECKey OTHER_KEY = generate();

    @Test
    void conscryptIsChosenOnX86_64AndTheJdkElsewhere() {
        // The uber jar carries BoringSSL for Linux, macOS and Windows on x86-64 only.
        if (X86_64) {
            assertThat(Es256Provider.select().name()).startsWith("Conscrypt");
            assertThat(Es256Provider.select().provider().getName()).isEqualTo("Conscrypt");
        } else {
            assertThat(Es256Provider.select()).isEqualTo(Es256Provider.JDK);
        }
    }

    @Test
    void eachProviderVerifiesWhatItSigned() throws Exception {
        for (Es256Provider provider : providers()) {
            JWSObject signed = sign(provider, "hello");
            assertThat(verify(provider, KEY, signed)).as(provider.name()).isTrue();
        }
    }

    @Test
    void eachProviderVerifiesWhatTheOtherSigned() throws Exception {
        JWSObject byJdk = sign(Es256Provider.JDK, "from the JDK");
        JWSObject byConscrypt = sign(conscrypt(), "from Conscrypt");

        assertThat(verify(conscrypt(), KEY, byJdk)).isTrue();
        assertThat(verify(Es256Provider.JDK, KEY, byConscrypt)).isTrue();
    }

    @Test
    void eachProviderRefusesAnotherKeysSignatureAndAnAlteredPayload() throws Exception {
        for (Es256Provider signer : providers()) {
            JWSObject signed = sign(signer, "original");
            String[] parts = signed.serialize().split("\\.");
            JWSObject altered = JWSObject.parse(parts[0] + "." + new Payload("altered").toBase64URL() + "." + parts[2]);
            for (Es256Provider verifier : providers()) {
                assertThat(verify(verifier, OTHER_KEY, signed)).as(signer + " -> " + verifier).isFalse();
                assertThat(verify(verifier, KEY, altered)).as(signer + " -> " + verifier).isFalse();
            }
        }
    }

    @Test
    void issuedAccessTokensCarryALowSSignatureOnEitherProvider() throws Exception {
        // Conscrypt's signatures are as random as the JDK's; the canonical form still holds for both.
        for (Es256Provider provider : providers()) {
            for (int i = 0; i < 20; i++) {
                JWSObject signed = JWSObject.parse(CanonicalTokenForm.withLowS(sign(provider, "n" + i).serialize()));
                CanonicalTokenForm.require(signed.serialize());
                assertThat(verify(provider, KEY, signed)).isTrue();
            }
        }
    }

    private static List<Es256Provider> providers() {
        return List.of(Es256Provider.JDK, conscrypt());
    }

    private static Es256Provider conscrypt() {
        assumeTrue(X86_64, "Conscrypt's uber jar has no native library for " + System.getProperty("os.arch"));
        return Es256Provider.conscrypt().orElseThrow();
    }

    private static JWSObject sign(Es256Provider provider, String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID()).build(), new Payload(payload));
        jws.sign(provider.signer(KEY));
        return jws;
    }

    private static boolean verify(Es256Provider provider, ECKey key, JWSObject jws) throws Exception {
        JWSVerifier verifier = provider.verifierFactory().createJWSVerifier(jws.getHeader(), key.toECPublicKey());
        return JWSObject.parse(jws.serialize()).verify(verifier);
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k" + System.nanoTime()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
