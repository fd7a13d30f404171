package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Checks {@code exp} (required), {@code nbf} and {@code iat} with a small leeway. An expired token
 * fails with its own error code, so that the client is told to refresh rather than to log in.
 */
public class AccessTokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    /** The error code of an expired token. */
    public static final String EXPIRED = "token_expired";

    private final Duration clockSkew;
    private final Clock clock;

    AccessTokenLifetimeValidator(Duration clockSkew, Clock clock) {
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant now = clock.instant();
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return invalid("the token has no exp");
        }
        if (now.minus(clockSkew).isAfter(expiresAt)) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(EXPIRED, "the token has expired", null));
        }
        Instant notBefore = jwt.getNotBefore();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
            return invalid("the token is not valid yet");
        }
        Instant issuedAt = jwt.getIssuedAt();
        if (issuedAt != null && now.plus(clockSkew).isBefore(issuedAt)) {
            return invalid("the token was issued in the future");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
