package dev.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxlogin.server.HttpTestClient.Response;

/** Assertions on answers in the API's error shape. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** The answer is {@code status} with error {@code code}, in the API shape, with no internals. */
    public static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.json()).as(response.raw()).isNotNull();
        assertThat(response.json().get("code").asString()).as(response.raw()).isEqualTo(code);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("message").asString()).isNotBlank();
        assertThat(response.json().get("messageZh").asString()).isNotBlank();
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /**
     * Whatever was sent, the service handled it: no 5xx, and an error is in the API's shape (or, on
     * the compatible {@code /user/**} endpoints, in theirs: {@code code} = status, {@code msg}, {@code error}).
     */
    public static void assertHandled(Response response) {
        assertThat(response.status()).as(response.raw()).isLessThan(500);
        if (response.status() < 400) {
            return;
        }
        assertThat(response.json()).as(response.raw()).isNotNull();
        if (response.json().has("msg")) {
            assertThat(response.json().get("code").asInt()).as(response.raw()).isEqualTo(response.status());
            assertThat(response.json().get("error").asString()).as(response.raw()).isNotBlank();
        } else {
            assertThat(response.json().get("code").asString()).as(response.raw()).isNotBlank();
            assertThat(response.json().get("status").asInt()).as(response.raw()).isEqualTo(response.status());
            assertThat(response.json().get("message").asString()).as(response.raw()).isNotBlank();
        }
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
