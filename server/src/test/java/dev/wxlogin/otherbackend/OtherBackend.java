package dev.wxlogin.otherbackend;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's other backend: one endpoint and Boot's resource-server auto-configuration, none of
 * wxlogin's code (it lives outside {@code dev.wxlogin.server}, so neither application scans the other).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@Import(OtherBackend.OrdersController.class)
public class OtherBackend {

    /** Our access tokens are typed {@code at+jwt} (RFC 9068); Spring's default accepts only {@code JWT}. */
    @Bean
    OAuth2TokenValidator<Jwt> accessTokenType() {
        return new JwtTypeValidator("at+jwt");
    }

    /** Answers who the verified token says the caller is. */
    @RestController
    static class OrdersController {

        @GetMapping("/orders/mine")
        Map<String, Object> mine(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("userId", jwt.getSubject(), "openid", jwt.getClaimAsString("openid"));
        }
    }
}
