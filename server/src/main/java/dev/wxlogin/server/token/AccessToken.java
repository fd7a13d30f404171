package dev.wxlogin.server.token;

import java.time.Instant;

/**
 * A signed access token.
 *
 * @param value     the compact JWT
 * @param jti       its unique id
 * @param expiresAt its {@code exp}
 */
public record AccessToken(String value, String jti, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
