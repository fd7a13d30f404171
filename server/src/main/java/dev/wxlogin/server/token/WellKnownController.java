package dev.wxlogin.server.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What other services need to verify our access tokens without calling us: the public keys, and a
 * discovery document naming the issuer and where the keys are.
 */
@RestController
@Tag(name = "Verification keys")
class WellKnownController {

    private final SigningKeys keys;
    private final AccessTokenIssuer issuer;

    WellKnownController(SigningKeys keys, AccessTokenIssuer issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** The JWK Set: every public key whose tokens may still be valid. */
    @Operation(operationId = "getJwks", summary = "The public keys that verify our access tokens",
            responses = @ApiResponse(responseCode = "200", description = "the JWK Set",
                    content = @Content(schema = @Schema(ref = "#/components/schemas/JwkSet"))))
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }

    /**
     * A discovery document in the OpenID Connect shape, so that {@code issuer-uri} configuration works;
     * this service issues access tokens, not ID tokens.
     */
    @Operation(operationId = "getOpenIdConfiguration", summary = "Discovery: our issuer and where its keys are",
            responses = @ApiResponse(responseCode = "200", description = "the discovery document",
                    content = @Content(schema = @Schema(ref = "#/components/schemas/OpenIdConfiguration"))))
    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> openidConfiguration() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer.issuer());
        document.put("jwks_uri", issuer.issuer() + "/.well-known/jwks.json");
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("ES256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        // RFC 7662, for resource servers configured in WXLOGIN_INTROSPECTION_CLIENTS.
        document.put("introspection_endpoint", issuer.issuer() + "/oauth2/introspect");
        document.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        return document;
    }
}
