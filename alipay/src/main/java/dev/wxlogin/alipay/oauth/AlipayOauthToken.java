package dev.wxlogin.alipay.oauth;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code alipay.system.oauth.token} answers for an auth code. An app on Alipay's openid standard gets
 * {@code open_id} (per app, like WeChat's openid); an older app gets {@code user_id} (2088 and 12 digits,
 * the same in every app); during the switch, both.
 *
 * @param userId       {@code user_id}, when Alipay sent it
 * @param openId       {@code open_id}, when Alipay sent it
 * @param accessToken  {@code access_token}, which calls user-authorised APIs; a credential, never printed
 * @param expiresIn    {@code expires_in}, seconds the access token lives
 * @param refreshToken {@code refresh_token}; a credential, never printed
 * @param reExpiresIn  {@code re_expires_in}, seconds the refresh token lives
 * @param authStart    {@code auth_start}, when the user authorised, as Alipay wrote it; may be absent
 */
public record AlipayOauthToken(Optional<String> userId, Optional<String> openId, String accessToken, long expiresIn,
                               String refreshToken, long reExpiresIn, Optional<String> authStart) {

    public AlipayOauthToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(openId, "openId");
        Objects.requireNonNull(authStart, "authStart");
        if (userId.isEmpty() && openId.isEmpty()) {
            throw new IllegalArgumentException("an oauth token answer names the user by open_id or user_id");
        }
    }

    /**
     * The user's stable id for this app: {@code open_id} when Alipay sent one, else {@code user_id}. Keep
     * using the same kind for an app: Alipay moves an app from user_id to open_id once, on the console.
     */
    public String subject() {
        return openId.orElseGet(userId::orElseThrow);
    }

    /** Whether {@link #subject()} is an {@code open_id}. */
    public boolean subjectIsOpenId() {
        return openId.isPresent();
    }

    @Override
    public String toString() {
        return "AlipayOauthToken[userId=" + userId.orElse("-") + ", openId=" + openId.orElse("-")
                + ", accessToken=***, expiresIn=" + expiresIn + ", refreshToken=***, reExpiresIn=" + reExpiresIn + "]";
    }
}
