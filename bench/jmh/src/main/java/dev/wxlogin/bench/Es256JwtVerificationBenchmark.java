package dev.wxlogin.bench;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import org.conscrypt.Conscrypt;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * ES256 access tokens as the service issues and checks them (nimbus-jose-jwt): a P-256 key made
 * once, a token signed once, then per call
 * <ul>
 *   <li>{@code verify}: parse, {@link ECDSAVerifier}, claims parse and an expiry check — the work of
 *       every authenticated request;</li>
 *   <li>{@code verifyWithJwtProcessor}: the same through {@link DefaultJWTProcessor} with a JWK set and
 *       key selector, which is what Spring Security's {@code NimbusJwtDecoder} runs;</li>
 *   <li>{@code sign}: issuing one token, the work a login adds;</li>
 *   <li>{@code jdkSignatureOnly}: the bare JDK {@code SHA256withECDSAinP1363Format} check of the same
 *       token, to tell the JDK's elliptic-curve cost from the library's parsing around it.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Es256JwtVerificationBenchmark {

    /** Who computes the signatures in sign/verify/verifyWithJwtProcessor: the JDK, or Conscrypt as the service does when it loads. */
    @Param({"JDK", "Conscrypt"})
    public String provider;

    private ECKey key;
    private ECDSASigner signer;
    private ECDSAVerifier verifier;
    private DefaultJWTProcessor<SecurityContext> processor;
    private String token;
    private ECPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        Provider jca = provider.equals("Conscrypt") ? Conscrypt.newProvider() : null;
        if (jca == null) {
            signer = new ECDSASigner(key);
        } else {
            // As the service does: the private key converted to Conscrypt's form once.
            signer = new ECDSASigner((PrivateKey) KeyFactory.getInstance("EC", jca).translateKey(key.toECPrivateKey()), Curve.P_256);
            signer.getJCAContext().setProvider(jca);
        }
        verifier = new ECDSAVerifier(key.toPublicJWK());
        processor = new DefaultJWTProcessor<>();
        if (jca != null) {
            verifier.getJCAContext().setProvider(jca);
            DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
            factory.getJCAContext().setProvider(jca);
            processor.setJWSVerifierFactory(factory);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        token = sign();
        publicKey = key.toECPublicKey();
        SignedJWT parsed = SignedJWT.parse(token);
        signingInput = parsed.getSigningInput();
        signature = parsed.getSignature().decode(); // JWS ES256 signatures are R||S, i.e. P1363
        if (!jdkSignatureOnly()) {
            throw new IllegalStateException("the JDK does not verify the token's signature");
        }
        if (!"246070582595527".equals(verify().getSubject()) || verifyWithJwtProcessor().getSubject() == null) {
            throw new IllegalStateException("the token did not verify");
        }
    }

    @Benchmark
    public String sign() throws JOSEException {
        Date now = new Date();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("wxlogin")
                .subject("246070582595527")
                .audience(List.of("wxsandbox000000001"))
                .issueTime(now)
                .expirationTime(new Date(now.getTime() + 15 * 60 * 1000))
                .jwtID(UUID.randomUUID().toString())
                .claim("openid", "oeVJLOOArBPd9oVEvO6zYGZ4hRkv")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Benchmark
    public JWTClaimsSet verify() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(verifier)) {
            throw new IllegalStateException("bad signature");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (claims.getExpirationTime().getTime() < System.currentTimeMillis()) {
            throw new IllegalStateException("expired");
        }
        return claims;
    }

    @Benchmark
    public boolean jdkSignatureOnly() throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(publicKey);
        ecdsa.update(signingInput);
        return ecdsa.verify(signature);
    }

    @Benchmark
    public JWTClaimsSet verifyWithJwtProcessor() throws Exception {
        return processor.process(token, null);
    }
}
