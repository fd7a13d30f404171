package dev.wxlogin.server.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.token.SigningKeys;

/**
 * Stateless bearer-token security: the endpoints that act for a user need one of our access tokens;
 * everything else (logins, refresh, logout, the well-known documents, health, metrics, API docs,
 * avatars) is public. Tokens are verified in-process against our own keys, ES256 only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The endpoints that need an access token. Listed rather than denying by default so that unknown
     * paths still answer 404 and public endpoints never fail on a stale token a client attaches to every call.
     */
    static final RequestMatcher PROTECTED = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/api/v1/me/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/v1/logout/all"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/v1/wx/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/v1/web-login/**"));

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ApiAuthenticationEntryPoint entryPoint,
                                    ApiAccessDeniedHandler accessDenied) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PROTECTED).authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(protectedOnly())
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied));
        return http.build();
    }

    /**
     * Verifies with our own keys, in-process; ES256 only, so {@code none} and HMAC tokens never verify.
     * Tokens that verified are remembered for a few minutes ({@link VerifiedTokenCache}).
     */
    @Bean
    JwtDecoder accessTokenDecoder(SigningKeys keys, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtIssuerValidator(token.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(token.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && sub.matches("[0-9]{1,19}")),
                new AccessTokenLifetimeValidator(token.clockSkew(), Clock.systemUTC()));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(validator);
        // 16 M chars: some 25,000 tokens, 30 to 60 MB with their claims.
        return new VerifiedTokenCache(decoder, validator, 16_000_000, Duration.ofMinutes(5));
    }

    /** Reads the bearer token only where one is needed. */
    private static BearerTokenResolver protectedOnly() {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        return request -> PROTECTED.matches(request) ? bearer.resolve(request) : null;
    }
}
