package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.crypto.AtRestEncryption;

/** Our tokens, issued and verified, wired to {@code wxlogin.token.*}. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TokenConfiguration.class);

    /** Compiled once: the claim checks run on every authenticated request, cached token or not. */
    private static final Pattern NUMERIC_SUBJECT = Pattern.compile("[0-9]{1,19}");

    private final Clock clock;

    TokenConfiguration(Clock clock) {
        this.clock = clock;
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, AtRestEncryption encryption, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        SigningKeyStore store = new SigningKeyStore(jdbc, encryption);
        store.resealUnderCurrentSecret();
        return new SigningKeys(store, clock,
                token.signingKeyRotateAfter(), token.signingKeyPublishAhead(), token.accessTokenTtl(), token.clockSkew());
    }

    @Bean
    Es256Provider es256Provider() {
        Es256Provider provider = Es256Provider.select();
        LOG.info("ES256 token signatures computed by {}", provider);
        return provider;
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SigningKeys keys, WxLoginProperties properties, Es256Provider provider) {
        WxLoginProperties.Token token = properties.token();
        return new AccessTokenIssuer(keys, clock, token.issuer(), token.audience(), token.accessTokenTtl(), provider);
    }

    /**
     * Verifies our access tokens with our own keys, in-process: only the canonical spelling, ES256
     * only (so {@code none} and HMAC tokens never verify), {@code typ} {@code at+jwt}. Tokens that
     * verified are remembered for a few minutes ({@link VerifiedTokenCache}).
     */
    @Bean
    JwtDecoder accessTokenDecoder(SigningKeys keys, WxLoginProperties properties, Es256Provider provider) {
        WxLoginProperties.Token token = properties.token();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTypeValidator(AccessTokenIssuer.TYPE),
                new JwtIssuerValidator(token.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(token.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && NUMERIC_SUBJECT.matcher(sub).matches()),
                new AccessTokenLifetimeValidator(token.clockSkew(), clock));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256)
                .jwtProcessorCustomizer(processor -> processor.setJWSVerifierFactory(provider.verifierFactory()))
                .build();
        decoder.setJwtValidator(validator);
        // 16 M chars: some 25,000 tokens, 30 to 60 MB with their claims.
        JwtDecoder cached = new VerifiedTokenCache(decoder, validator, 16_000_000, Duration.ofMinutes(5), clock);
        return value -> {
            CanonicalTokenForm.require(value);
            return cached.decode(value);
        };
    }
}
