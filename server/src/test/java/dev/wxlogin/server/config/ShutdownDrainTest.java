package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceInstances;

/**
 * A stopping instance refuses readiness first and keeps serving for the drain, so that a load balancer
 * has taken it out before its port closes; then it closes as usual.
 */
class ShutdownDrainTest {

    private static final String APPID = "wxdrain00000000001";
    private static final String SECRET = "drain-secret";

    private ServiceInstances instances;

    @AfterEach
    void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void aStoppingInstanceRefusesReadinessButKeepsServingUntilTheDrainEnds() throws Exception {
        instances = new ServiceInstances(SandboxWeChat.start(SandboxSettings.of(new SandboxApp(APPID, SECRET, true))), APPID, SECRET);
        ConfigurableApplicationContext instance = instances.start("server.shutdown=graceful", "wxlogin.shutdown.drain=5s");
        HttpTestClient client = ServiceInstances.client(instance);
        assertThat(client.get("/readyz").status()).isEqualTo(200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(instance::close);
        Response readiness = client.get("/readyz");
        for (int i = 0; i < 2_000 && readiness.status() == 200 && !stopping.isDone(); i++) {
            Thread.sleep(5);
            readiness = client.get("/readyz");
        }
        assertThat(readiness.status()).as("readiness once the stop began: %s", readiness.raw()).isEqualTo(503);
        assertThat(stopping).as("the drain holds the port open after readiness refused").isNotDone();
        Response served = client.get("/.well-known/jwks.json");
        assertThat(served.status()).as("a new connection during the drain is served: %s", served.raw()).isEqualTo(200);

        stopping.get(60, TimeUnit.SECONDS);
        assertThatThrownBy(() -> client.get("/readyz")).as("the port is closed after the drain and the shutdown")
                .isInstanceOf(IllegalStateException.class);
    }
}
