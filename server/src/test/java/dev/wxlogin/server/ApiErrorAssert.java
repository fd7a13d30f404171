package dev.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxlogin.server.HttpTestClient.Response;

/** Checks the API's error shape: status, stable code, both messages, and nothing internal. */
public final class ApiErrorAssert {

    private ApiErrorAssert() {
    }

    public static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.json().get("code").asString()).isEqualTo(code);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("message").asString()).isNotBlank();
        assertThat(response.json().get("messageZh").asString()).isNotBlank();
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
