package dev.wxlogin.server.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller of a protected endpoint, as its verified access token names it.
 *
 * @param userId our user id ({@code sub})
 * @param appid  the mini program
 * @param openid the user's openid in it
 * @param jti    the token's id
 */
public record AuthenticatedUser(long userId, String appid, String openid, String jti) {

    /** Reads a token that our decoder verified; {@code sub} is always our numeric user id. */
    public static AuthenticatedUser of(Jwt jwt) {
        return new AuthenticatedUser(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString("appid"),
                jwt.getClaimAsString("openid"), jwt.getId());
    }
}
