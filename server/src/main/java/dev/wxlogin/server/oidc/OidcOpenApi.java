package dev.wxlogin.server.oidc;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The discovery document in the OpenAPI document: it is served by the provider's filter chain, not by
 * a controller, so springdoc would not see it. The other OpenID Connect endpoints are described by
 * the discovery document itself and in docs/oidc.md.
 */
@Configuration(proxyBeanMethods = false)
class OidcOpenApi {

    @Bean
    OpenApiCustomizer openIdConfigurationPath() {
        return openApi -> openApi.path("/.well-known/openid-configuration", new PathItem().get(new Operation()
                .operationId("getOpenIdConfiguration")
                .summary("Discovery: the OpenID Connect provider's issuer, endpoints, keys, scopes and claims")
                .addTagsItem("Verification keys")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("the discovery document")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/OpenIdConfiguration"))))))));
    }
}
