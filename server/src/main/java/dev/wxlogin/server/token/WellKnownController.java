package dev.wxlogin.server.token;

import java.time.Duration;
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
 * What other services need to verify our tokens without calling us: the public keys. The discovery
 * document naming the issuer, these keys and the endpoints is the OpenID Connect provider's
 * ({@code oidc} package).
 */
@RestController
@Tag(name = "Verification keys")
class WellKnownController {

    private final SigningKeys keys;

    WellKnownController(SigningKeys keys) {
        this.keys = keys;
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
}
