package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers access tokens whose ES256 signature already verified, so that a client calling us many
 * times with one token pays for the signature check once. ECDSA verification costs far more CPU
 * than the rest of an authenticated request on the JDK's P-256 code.
 *
 * <p>Only exact token strings that passed full verification are cached, so a forged or altered
 * token never matches an entry. The claims are validated again on every use (expiry, issuer,
 * audience), and entries are dropped after a short time regardless.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier     the full decoder: signature, then {@code validator}
     * @param validator    the claim checks to repeat on every cache hit
     * @param maximumChars the most token text to hold (the decoded claims take about as much again):
     *                     bounded by size, not count, so long tokens cannot blow the heap
     * @param keepFor      how long a verified token is remembered, on {@code clock}
     */
    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, long maximumChars, Duration keepFor, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumWeight(maximumChars)
                .<String, Jwt>weigher((token, jwt) -> token.length())
                .expireAfterWrite(keepFor)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("the token is no longer valid", result.getErrors());
        }
        return known;
    }
}
