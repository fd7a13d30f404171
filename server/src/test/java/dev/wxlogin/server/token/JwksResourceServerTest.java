package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.otherbackend.OtherBackend;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins.LoggedIn;

/**
 * A customer's other backend, a plain Spring Boot resource server that knows nothing of ours but
 * our JWKS URL, accepts our access tokens and refuses tampered ones, without calling anything but
 * the JWKS.
 */
@ServiceTest
class JwksResourceServerTest {

    @Fixture URI service;

    ConfigurableApplicationContext otherBackend;
    HttpTestClient other;

    @BeforeEach
    void startOtherBackend() {
        otherBackend = new SpringApplicationBuilder(OtherBackend.class).run(
                // Not our application.yml: this backend has its own (empty) configuration.
                "--spring.config.name=other-backend",
                "--server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + service + "/.well-known/jwks.json",
                // Boot assumes RS256 unless told; our keys are ES256.
                "--spring.security.oauth2.resourceserver.jwt.jws-algorithms=ES256",
                "--spring.security.oauth2.resourceserver.jwt.audiences=wxlogin");
        other = new HttpTestClient(otherBackend.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @AfterEach
    void stopOtherBackend() {
        otherBackend.close();
    }

    @Test
    void otherBackendAcceptsOurAccessToken(LoggedIn user) {
        Response response = other.get("/orders/mine", user.accessToken());

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.json().get("userId").asString()).isEqualTo(Long.toString(user.userId()));
        assertThat(response.json().get("openid").asString()).isEqualTo(user.openid());
    }

    @Test
    void otherBackendRefusesTamperedOrMissingTokens(LoggedIn user) {
        String[] parts = user.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace(user.openid(), "oVictim").getBytes()) + "." + parts[2];

        assertThat(other.get("/orders/mine", forged).status()).isEqualTo(401);
        assertThat(other.get("/orders/mine").status()).isEqualTo(401);
        assertThat(other.get("/orders/mine", user.accessToken()).status()).isEqualTo(200);
    }
}
