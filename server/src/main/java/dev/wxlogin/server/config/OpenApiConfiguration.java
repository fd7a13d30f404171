package dev.wxlogin.server.config;

import java.util.Arrays;
import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.user.Caller;

/**
 * The OpenAPI document springdoc serves at {@code /v3/api-docs} (and the UI at
 * {@code /swagger-ui.html}): the contract of our endpoints for the SDK and other integrators. Every
 * endpoint has a summary, its request and response schemas (named after our Java types), the bearer
 * scheme where it needs an access token, and its error answers ({@link OpenApiErrorResponses}).
 * Shapes that have no Java type of their own (the error bodies, WeChat's user info, the JWK Set)
 * are described here.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "wxlogin", version = "v1",
        description = "Login and account service for WeChat Mini Programs. Protected endpoints take "
                + "'Authorization: Bearer <accessToken>' from a login or a refresh. Every error answers "
                + "ErrorResponse (LegacyErrorResponse on the compatible /user/** endpoints) with a stable "
                + "code; each operation lists the codes it can give, by status, in x-error-codes."))
@SecurityScheme(name = OpenApiErrorResponses.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {

    static {
        // Resolved from the request itself (the access token, the peer), never sent as parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, RequestOrigin.class, AdminActor.class);
    }

    /** Each endpoint's error answers. */
    @Bean
    OperationCustomizer apiErrorResponses() {
        return new OpenApiErrorResponses();
    }

    /** The shapes without a Java type. */
    @Bean
    OpenApiCustomizer sharedSchemas() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            Components components = openApi.getComponents();
            components.addSchemas(OpenApiErrorResponses.ERROR_SCHEMA, errorResponse());
            components.addSchemas(OpenApiErrorResponses.LEGACY_ERROR_SCHEMA, legacyErrorResponse());
            components.addSchemas("WeChatUserInfo", weChatUserInfo());
            components.addSchemas("Watermark", watermark());
            components.addSchemas("JwkSet", jwkSet());
            components.addSchemas("Jwk", jwk());
            components.addSchemas("OpenIdConfiguration", openIdConfiguration());
        };
    }

    private static List<String> errorCodes() {
        return Arrays.stream(ApiError.values()).map(ApiError::name).toList();
    }

    private static Schema<?> errorResponse() {
        return new ObjectSchema()
                .description("Every error of the API, never with internals.")
                .addProperty("code", new StringSchema()._enum(errorCodes()).description("the stable error code"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("message", new StringSchema().description("in English, for developers and logs"))
                .addProperty("messageZh", new StringSchema().description("in Chinese, fit to show the user"))
                .required(List.of("code", "status", "message", "messageZh"));
    }

    private static Schema<?> legacyErrorResponse() {
        return new ObjectSchema()
                .description("Errors of the compatible /user/** endpoints, as existing mini programs expect them.")
                .addProperty("code", new IntegerSchema().description("equal to the HTTP status"))
                .addProperty("msg", new StringSchema().description("in Chinese, fit to show the user"))
                .addProperty("error", new StringSchema()._enum(errorCodes()).description("the stable error code"))
                .required(List.of("code", "msg", "error"));
    }

    private static Schema<?> weChatUserInfo() {
        return new ObjectSchema()
                .description("The user info as WeChat encrypted it; without encrypted data, built from the stored "
                        + "profile with the same names and no watermark.")
                .addProperty("openId", new StringSchema())
                .addProperty("nickName", new StringSchema())
                .addProperty("gender", new IntegerSchema().description("0 unknown, 1 male, 2 female"))
                .addProperty("language", new StringSchema())
                .addProperty("city", new StringSchema())
                .addProperty("province", new StringSchema())
                .addProperty("country", new StringSchema())
                .addProperty("avatarUrl", new StringSchema())
                .addProperty("unionId", new StringSchema())
                .addProperty("watermark", new Schema<>().$ref("#/components/schemas/Watermark"));
    }

    private static Schema<?> watermark() {
        return new ObjectSchema()
                .addProperty("appid", new StringSchema())
                .addProperty("timestamp", new IntegerSchema().format("int64").description("seconds since the epoch"));
    }

    private static Schema<?> jwkSet() {
        return new ObjectSchema()
                .description("RFC 7517 JWK Set: every public key whose tokens may still be valid.")
                .addProperty("keys", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/Jwk")))
                .required(List.of("keys"));
    }

    private static Schema<?> jwk() {
        return new ObjectSchema()
                .description("An ES256 public key.")
                .addProperty("kty", new StringSchema()._enum(List.of("EC")))
                .addProperty("crv", new StringSchema()._enum(List.of("P-256")))
                .addProperty("kid", new StringSchema().description("its RFC 7638 thumbprint"))
                .addProperty("use", new StringSchema()._enum(List.of("sig")))
                .addProperty("alg", new StringSchema()._enum(List.of("ES256")))
                .addProperty("x", new StringSchema())
                .addProperty("y", new StringSchema())
                .required(List.of("kty", "crv", "kid", "x", "y"));
    }

    private static Schema<?> openIdConfiguration() {
        return new ObjectSchema()
                .description("Discovery in the OpenID Connect shape, for verification only.")
                .addProperty("issuer", new StringSchema())
                .addProperty("jwks_uri", new StringSchema())
                .addProperty("subject_types_supported", new ArraySchema().items(new StringSchema()))
                .addProperty("id_token_signing_alg_values_supported", new ArraySchema().items(new StringSchema()))
                .addProperty("token_endpoint_auth_methods_supported", new ArraySchema().items(new StringSchema()))
                .required(List.of("issuer", "jwks_uri"));
    }
}
