package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins.LoggedIn;
import tools.jackson.databind.JsonNode;

/** The public documents: JWKS, discovery and the OpenAPI description. */
@ServiceTest
class WellKnownEndpointsTest {

    @Fixture HttpTestClient client;

    @Test
    void jwksPublishesThePublicKeyThatVerifiesOurTokensAndNothingPrivate(LoggedIn user) throws Exception {
        SignedJWT token = SignedJWT.parse(user.accessToken());

        Response jwks = client.get("/.well-known/jwks.json");

        assertThat(jwks.status()).isEqualTo(200);
        JsonNode key = null;
        for (JsonNode candidate : jwks.json().get("keys")) {
            assertThat(candidate.has("d")).as("private part published").isFalse();
            if (candidate.get("kid").asString().equals(token.getHeader().getKeyID())) {
                key = candidate;
            }
        }
        assertThat(key).as(jwks.raw()).isNotNull();
        assertThat(key.get("kty").asString()).isEqualTo("EC");
        assertThat(key.get("crv").asString()).isEqualTo("P-256");
        assertThat(key.get("alg").asString()).isEqualTo("ES256");
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(token.verify(new ECDSAVerifier(ECKey.parse(key.toString())))).isTrue();
    }

    @Test
    void discoveryNamesOurIssuerAndJwks(LoggedIn user) throws Exception {
        Response discovery = client.get("/.well-known/openid-configuration");

        assertThat(discovery.status()).isEqualTo(200);
        String issuer = discovery.json().get("issuer").asString();
        assertThat(issuer).isEqualTo(SignedJWT.parse(user.accessToken()).getJWTClaimsSet().getIssuer());
        assertThat(discovery.json().get("jwks_uri").asString()).isEqualTo(issuer + "/.well-known/jwks.json");
        assertThat(discovery.json().get("id_token_signing_alg_values_supported").get(0).asString()).as("RS256, which OIDC requires").isEqualTo("RS256");
    }

    @Test
    void openApiDocumentListsEveryEndpoint() {
        Response docs = client.get("/v3/api-docs");

        assertThat(docs.status()).as(docs.raw()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/login", "/user/wxlogin", "/api/v1/token/refresh",
                "/api/v1/logout", "/api/v1/logout/all", "/api/v1/me", "/api/v1/me/avatar", "/api/v1/wx/decrypt",
                "/.well-known/jwks.json", "/.well-known/openid-configuration", "/avatars/{name}");
        assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
    }
}
