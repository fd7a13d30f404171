package dev.wxlogin.server.token;

import java.util.List;

import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * Signs other tokens (the OpenID Connect provider's ID and access tokens) with the key of the header's
 * algorithm that signs now (ES256 or RS256), so that one rotating key set and one JWKS verify
 * everything we issue.
 */
public final class ActiveKeyJwtEncoder implements JwtEncoder {

    private final NimbusJwtEncoder encoder;

    public ActiveKeyJwtEncoder(SigningKeys keys) {
        // Only the active key of each algorithm is offered; the encoder picks by the header's alg and names it by kid.
        this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(activeKeys(keys, selector))));
    }

    private static List<JWK> activeKeys(SigningKeys keys, JWKSelector selector) {
        return selector.getMatcher().getAlgorithms() == null
                ? List.of(keys.activeKey().jwk())
                : selector.getMatcher().getAlgorithms().stream()
                        .filter(algorithm -> algorithm instanceof JWSAlgorithm jws && SigningKeys.ALGORITHMS.contains(jws))
                        .map(algorithm -> keys.activeKey((JWSAlgorithm) algorithm).jwk())
                        .toList();
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        return encoder.encode(parameters);
    }
}
