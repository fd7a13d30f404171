package dev.wxlogin.server.token;

import java.util.List;

import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Signs other tokens (the OpenID Connect provider's ID and access tokens) with the key that signs our
 * access tokens now, so that one rotating key set and one JWKS verify everything we issue.
 */
public final class ActiveKeyJwtEncoder implements JwtEncoder {

    private final NimbusJwtEncoder encoder;

    public ActiveKeyJwtEncoder(SigningKeys keys) {
        // Only the active key is offered for signing; the encoder names it by kid in the header.
        this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(List.of(keys.activeKey().jwk()))));
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        return encoder.encode(parameters);
    }
}
