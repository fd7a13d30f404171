package dev.wxlogin.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;

import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.Test;

class RsaKeyPairsTest {

    @Test
    void pairsComeFromConscryptWhereItLoads() {
        assertThat(RsaKeyPairs.isNative()).isEqualTo(Conscrypt.isAvailable());
    }

    @Test
    void aPairIs2048BitsAndItsPkcs8PrivateKeySignsWhatTheJdkVerifies() throws Exception {
        KeyPair pair = RsaKeyPairs.generate();
        // As the service reads it: the PKCS#8 encoding, through the JDK's own key factory.
        PrivateKey read = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
        byte[] data = "alipay.system.oauth.token".getBytes(StandardCharsets.UTF_8);

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(read);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(data);

        assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(RsaKeyPairs.generate().getPublic()).isNotEqualTo(pair.getPublic());
    }
}
