package dev.wxlogin.server.token;

import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

/**
 * One signing key as stored.
 *
 * @param kid       its key id, as in the JWT header and the JWKS
 * @param algorithm what it signs with: ES256 (access tokens) or RS256 (ID tokens for stock OIDC clients)
 * @param publicJwk its public part
 * @param createdAt when it was made; its age decides when it stops signing and stops verifying
 */
record SigningKey(String kid, JWSAlgorithm algorithm, JWK publicJwk, Instant createdAt) {

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt + "]";
    }
}
