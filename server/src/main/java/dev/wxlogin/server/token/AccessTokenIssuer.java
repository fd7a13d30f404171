package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.server.session.SessionClaims;
import dev.wxlogin.server.user.UserAccount;

/**
 * Signs access tokens: ES256 JWTs of type {@code at+jwt} (RFC 9068) with {@code iss}, {@code aud},
 * {@code sub} (our user id), {@code appid}, {@code openid}, {@code sid} (the login session: the
 * refresh-token family), {@code jti}, {@code iat} and {@code exp}, verifiable by anyone holding our
 * JWKS. Always in {@link CanonicalTokenForm canonical form}.
 */
public class AccessTokenIssuer {

    /** The header {@code typ} of our access tokens (RFC 9068). */
    public static final String TYPE = "at+jwt";

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Es256Provider provider;
    /** The signer of the active key, made once per key: converting a key costs more than a signature. */
    private volatile KeySigner signer;

    private record KeySigner(String kid, ECDSASigner signer) {
    }

    AccessTokenIssuer(SigningKeys keys, Clock clock, String issuer, String audience, Duration ttl, Es256Provider provider) {
        this.keys = keys;
        this.provider = provider;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
    }

    /** A fresh token for {@code user} in the login session {@code sessionId} (a refresh-token family). */
    public AccessToken issue(UserAccount user, String sessionId) {
        // Whole seconds, as JWT numeric dates are.
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(Long.toString(user.id()))
                .claim("appid", user.appid())
                .claim("openid", user.openid())
                .claim(SessionClaims.PLATFORM, user.platform().wireName())
                .claim(SessionClaims.SESSION_ID, sessionId)
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SigningKeys.ActiveKey key = keys.activeKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(new JOSEObjectType(TYPE)).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signerFor(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token with key " + key.kid(), e);
        }
        return new AccessToken(CanonicalTokenForm.withLowS(jwt.serialize()), jti, expiresAt);
    }

    private ECDSASigner signerFor(SigningKeys.ActiveKey key) {
        KeySigner current = signer;
        if (current == null || !current.kid().equals(key.kid())) {
            current = new KeySigner(key.kid(), provider.signer(key.jwk().toECKey()));
            signer = current;
        }
        return current.signer();
    }

    /** The {@code iss} of the tokens it issues. */
    public String issuer() {
        return issuer;
    }
}
