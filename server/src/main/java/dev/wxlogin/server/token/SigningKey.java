package dev.wxlogin.server.token;

import java.time.Instant;

import com.nimbusds.jose.jwk.ECKey;

/**
 * One ES256 key as stored.
 *
 * @param kid       its key id, as in the JWT header and the JWKS
 * @param publicJwk its public part
 * @param createdAt when it was made; its age decides when it stops signing and stops verifying
 */
record SigningKey(String kid, ECKey publicJwk, Instant createdAt) {

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + "]";
    }
}
