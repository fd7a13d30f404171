package dev.wxlogin.server.config;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document springdoc serves at {@code /v3/api-docs} (and the UI at
 * {@code /swagger-ui.html}): our endpoints, with the bearer scheme of our access tokens.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "wxlogin", version = "v1",
        description = "Login and account service for WeChat Mini Programs. Protected endpoints take "
                + "'Authorization: Bearer <accessToken>' from a login or a refresh."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
