package dev.wxlogin.server.token;

import static dev.wxlogin.server.ApiAssertions.assertHandled;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.LoopbackConnections;
import dev.wxlogin.server.ServiceTest;

/**
 * Any bytes as the body of a refresh or a logout, over real HTTP: never a 5xx, always our error
 * shape. The committed seeds run in every build; {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
@ServiceTest
@Tag("fuzz")
class RefreshRequestFuzzTest {

    @Fixture HttpTestClient client;

    @FuzzTest
    void anyRefreshBodyIsAnsweredInOurShape(byte[] body) {
        LoopbackConnections.only();
        assertHandled(client.postBytes("/api/v1/token/refresh", "application/json", body));
    }

    @FuzzTest
    void anyLogoutBodyIsAnsweredInOurShape(byte[] body) {
        LoopbackConnections.only();
        assertHandled(client.postBytes("/api/v1/logout", "application/json", body));
    }
}
