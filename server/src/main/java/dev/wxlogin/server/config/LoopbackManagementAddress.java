package dev.wxlogin.server.config;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds the management port ({@code WXLOGIN_MANAGEMENT_PORT}) to 127.0.0.1 unless
 * {@code WXLOGIN_MANAGEMENT_ADDRESS} (or {@code management.server.address}) names another address:
 * metrics are for the machine's own scraper or a sidecar, not the network. Spring refuses an
 * address without a separate port, so the default applies only when there is one.
 */
public class LoopbackManagementAddress implements EnvironmentPostProcessor, Ordered {

    private static final String ADDRESS = "management.server.address";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("management.server.port");
        boolean separate = port != null && !port.isBlank()
                && (port.trim().equals("0") || !Objects.equals(port.trim(), environment.getProperty("server.port")));
        if (!separate || environment.containsProperty(ADDRESS)) {
            return;
        }
        String address = environment.getProperty("WXLOGIN_MANAGEMENT_ADDRESS", "127.0.0.1");
        environment.getPropertySources().addLast(new MapPropertySource("wxlogin-management-address", Map.of(ADDRESS, address)));
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
