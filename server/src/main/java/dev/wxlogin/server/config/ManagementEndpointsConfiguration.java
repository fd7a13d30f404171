package dev.wxlogin.server.config;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and the other actuator endpoints are served only on the management port
 * ({@code WXLOGIN_MANAGEMENT_PORT}, bound to {@code WXLOGIN_MANAGEMENT_ADDRESS}, 127.0.0.1 by
 * default). Without one, the service port exposes health alone: what a load balancer needs, and
 * nothing about the JVM, the pool or the logins to the internet.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnManagementPort(ManagementPortType.SAME)
class ManagementEndpointsConfiguration {

    private static final EndpointId HEALTH = EndpointId.of("health");

    @Bean
    EndpointFilter<ExposableWebEndpoint> onlyHealthOnTheServicePort() {
        return endpoint -> HEALTH.equals(endpoint.getEndpointId());
    }
}
