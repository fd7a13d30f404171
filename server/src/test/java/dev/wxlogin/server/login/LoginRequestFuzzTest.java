package dev.wxlogin.server.login;

import static dev.wxlogin.server.ApiAssertions.assertHandled;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.LoopbackConnections;
import dev.wxlogin.server.ServiceTest;

/**
 * Any bytes as the body of either login endpoint, over real HTTP to the whole service and its
 * sandbox WeChat: never a 5xx, always our error shape. The committed seeds run in every build;
 * {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
@ServiceTest
@Tag("fuzz")
class LoginRequestFuzzTest {

    @Fixture HttpTestClient client;

    @FuzzTest
    void anyLoginBodyIsAnsweredInOurShape(byte[] body) {
        LoopbackConnections.only();
        assertHandled(client.postBytes("/api/v1/login", "application/json", body));
    }

    @FuzzTest
    void anyCompatibleLoginBodyIsAnsweredInItsShape(byte[] body) {
        LoopbackConnections.only();
        assertHandled(client.postBytes("/user/wxlogin", "application/json", body));
    }
}
