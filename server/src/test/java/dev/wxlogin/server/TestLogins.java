package dev.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.HttpTestClient.Response;

/** Logs simulated users in through {@code POST /api/v1/login}, as a mini program would. */
public final class TestLogins {

    /**
     * A login that succeeded.
     *
     * @param user         the simulated user's name in the sandbox
     * @param userId       our id for the user
     * @param openid       the user's openid
     * @param accessToken  the access token it answered
     * @param refreshToken the refresh token it answered
     */
    public record LoggedIn(String user, long userId, String openid, String accessToken, String refreshToken) {
    }

    private TestLogins() {
    }

    /** Logs a new simulated user in (named after {@code prefix}). */
    public static LoggedIn loginNew(HttpTestClient client, SandboxPhone phone, String appid, String prefix) {
        return login(client, phone, appid, TestUsers.unique(prefix));
    }

    /** Logs {@code user} in once more: a new code, a new session_key, a new token family. */
    public static LoggedIn login(HttpTestClient client, SandboxPhone phone, String appid, String user) {
        SandboxPhone.Login login = phone.login(appid, user);
        Response response = client.postJson("/api/v1/login", Map.of("code", login.code()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return new LoggedIn(user, response.json().get("user").get("id").asLong(), login.openid(),
                response.json().get("accessToken").asString(), response.json().get("refreshToken").asString());
    }
}
