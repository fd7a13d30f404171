package dev.wxlogin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;

/** Requests are observed once (http.server.requests), not once per security filter. */
@ServiceTest
class SecurityObservationTest {

    @Autowired
    ObservationNames observed;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void publicAndAuthenticatedRequestsAreObservedWithoutSpringSecuritysPerFilterObservations() throws Exception {
        LoggedIn user = TestLogins.loginNew(client, phone, appid, "observed");
        observed.names.clear();

        assertThat(client.get("/.well-known/jwks.json").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/me", user.accessToken()).status()).isEqualTo(200);

        assertThat(observed.names).contains("http.server.requests");
        assertThat(observed.names).noneMatch(name -> name.startsWith("spring.security"));
    }

    /** Records the name of every observation started. */
    static final class ObservationNames implements ObservationHandler<Observation.Context> {
        final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Observation.Context context) {
            names.add(context.getName());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {
        @Bean
        ObservationNames observationNames() {
            return new ObservationNames();
        }
    }
}
