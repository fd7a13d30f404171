package dev.wxlogin.server.login;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.Fault;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.app.WeChatApps;

/** Every failure the sandbox WeChat can produce reaches the client as its documented status and code. */
@ServiceTest
class WeChatFailureMappingTest {

    @Autowired
    WeChatApps apps;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.errcode(-1), 3, 503, "WX_BUSY"),
                Arguments.of(Fault.errcode(40029), 1, 401, "WX_CODE_INVALID"),
                Arguments.of(Fault.errcode(40163), 1, 401, "WX_CODE_USED"),
                Arguments.of(Fault.errcode(45011), 1, 429, "WX_RATE_LIMITED"),
                Arguments.of(Fault.errcode(40226), 1, 403, "WX_USER_BLOCKED"),
                Arguments.of(Fault.errcode(40013), 1, 502, "WX_CONFIG_REJECTED"),
                Arguments.of(Fault.errcode(40125), 1, 502, "WX_CONFIG_REJECTED"),
                Arguments.of(Fault.errcode(99999), 1, 502, "WX_ERROR"),
                Arguments.of(Fault.html502(), 1, 502, "WX_BAD_RESPONSE"),
                Arguments.of(Fault.slow(4500), 1, 504, "WX_TIMEOUT"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("faults")
    void faultBecomesItsDocumentedError(Fault fault, int times, int status, String code) {
        SandboxPhone.Login login = phone.login(apps.defaultApp().appid(), TestUsers.unique("f"));
        phone.fault("jscode2session", fault, times);

        assertError(client.postJson("/api/v1/login", Map.of("code", login.code())), status, code);
    }

    @ParameterizedTest(name = "legacy {0} -> {2} {3}")
    @MethodSource("faults")
    void legacyEndpointAnswersTheSameStatusInItsOwnShape(Fault fault, int times, int status, String code) {
        SandboxPhone.Login login = phone.login(apps.defaultApp().appid(), TestUsers.unique("f"));
        phone.fault("jscode2session", fault, times);

        Response response = client.postJson("/user/wxlogin", Map.of("platCode", login.code()));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.json().get("code").asInt()).isEqualTo(status);
        assertThat(response.json().get("error").asString()).isEqualTo(code);
    }

    @Test
    void busyThatClearsWithinTheRetriesStillLogsIn() {
        SandboxPhone.Login login = phone.login(apps.defaultApp().appid(), TestUsers.unique("f"));
        phone.fault("jscode2session", Fault.errcode(-1), 2);

        Response response = client.postJson("/api/v1/login", Map.of("code", login.code()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("user").get("openid").asString()).isEqualTo(login.openid());
    }

    @Test
    void rateLimitSaysWhenToRetry() {
        phone.fault("jscode2session", Fault.errcode(45011), 1);
        Response response = client.postJson("/api/v1/login", Map.of("code", "x"));
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("60");
    }
}
