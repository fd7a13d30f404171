package dev.wxlogin.server.config;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI document names the configured issuer (the service's public base URL) as its only
 * server, instead of one built from the request's {@code Host} header, which anyone can set.
 * The documents are served only when {@code WXLOGIN_API_DOCS_ENABLED} (sandbox mode: on).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsServerConfiguration {

    @Bean
    OpenApiCustomizer issuerAsTheOnlyServer(WxLoginProperties properties) {
        return openApi -> openApi.setServers(List.of(new Server().url(properties.token().issuer())));
    }
}
