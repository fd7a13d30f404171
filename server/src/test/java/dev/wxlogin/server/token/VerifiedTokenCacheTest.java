package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.MutableClock;

/** The cache spares repeated signature checks but never a claim check, and never admits a forgery. */
class VerifiedTokenCacheTest {

    private final Instant t0 = Instant.parse("2026-11-27T08:00:00Z");
    private final MutableClock clock = new MutableClock(t0);
    private final ECKey key = generate();
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final AccessTokenLifetimeValidator lifetime = new AccessTokenLifetimeValidator(Duration.ZERO, clock);
    private final JwtDecoder cache = cache();

    @Test
    void secondUseOfATokenSkipsTheSignatureCheck() {
        String token = sign(t0.plus(Duration.ofHours(2)));

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(second.getSubject()).isEqualTo(first.getSubject()).isEqualTo("42");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void cachedTokenIsRefusedOnceItExpires() {
        String token = sign(t0.plus(Duration.ofMinutes(1)));
        cache.decode(token);

        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(token)).as("and stays refused").isInstanceOf(JwtException.class);
    }

    @Test
    void alteredTokenIsVerifiedAfreshAndRefused() {
        String token = sign(t0.plus(Duration.ofHours(2)));
        cache.decode(token);
        String[] parts = token.split("\\.");
        String altered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThatThrownBy(() -> cache.decode(altered)).isInstanceOf(JwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }

    private JwtDecoder cache() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder
                .withJwkSource(new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK())))
                .jwsAlgorithm(SignatureAlgorithm.ES256).build();
        nimbus.setJwtValidator(lifetime);
        JwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        return new VerifiedTokenCache(counting, lifetime, 1_000_000, Duration.ofMinutes(5), clock);
    }

    private String sign(Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().subject("42").issueTime(Date.from(t0)).expirationTime(Date.from(expiresAt)).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("test").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

}
