package dev.wxlogin.server.config;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.WxLoginApplication;

/**
 * Metrics are served on the management port where one is configured (on 127.0.0.1), never on the
 * service port; the API documents are off outside sandbox mode unless enabled.
 */
class ManagementPortTest {

    @Test
    void metricsAreServedOnTheManagementPortOnly() {
        try (ConfigurableApplicationContext context = start("wxlogin.sandbox.enabled=true", "wxlogin.sandbox.port=0",
                "management.server.port=0")) {
            HttpTestClient service = new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());
            int managementPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
            HttpTestClient management = new HttpTestClient(managementPort);
            service.postJson("/api/v1/login", Map.of("code", "never-issued"));

            Response metrics = management.get("/actuator/prometheus");

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.raw()).contains("wxlogin_logins_total{").contains("outcome=\"WX_CODE_INVALID\"");
            assertThat(management.get("/actuator/health").status()).isEqualTo(200);
            assertThat(context.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
            assertError(service.get("/actuator/prometheus"), 401, "TOKEN_MISSING");
            assertThat(service.get("/actuator/prometheus").raw()).doesNotContain("jvm_");
            assertThat(service.get("/livez").status()).isEqualTo(200);
            assertThat(service.get("/readyz").status()).isEqualTo(200);
        }
    }

    @Test
    void apiDocumentsAreOffOutsideSandboxModeUnlessEnabled() {
        String[] production = {"wxlogin.appid=wxreal0000000001", "wxlogin.secret=real-secret-value",
                "wxlogin.wechat.base-url=http://127.0.0.1:9", "wxlogin.token.key-encryption-secret=" + UUID.randomUUID()};
        try (ConfigurableApplicationContext context = start(production)) {
            HttpTestClient service = new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());

            assertError(service.get("/v3/api-docs"), 404, "NOT_FOUND");
            assertThat(service.get("/swagger-ui.html").status()).isEqualTo(404);
        }
        List<String> enabled = new ArrayList<>(List.of(production));
        enabled.add("springdoc.api-docs.enabled=true");
        try (ConfigurableApplicationContext context = start(enabled.toArray(String[]::new))) {
            HttpTestClient service = new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());

            assertThat(service.get("/v3/api-docs").status()).isEqualTo(200);
        }
    }

    /** Starts the service with these properties as command-line arguments, which outrank application.yml. */
    private static ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--wxlogin.data-dir=./target/test-data/management-" + UUID.randomUUID()));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(WxLoginApplication.class).run(args.toArray(String[]::new));
    }
}
