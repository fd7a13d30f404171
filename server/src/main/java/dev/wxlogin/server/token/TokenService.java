package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;

/** Issues, refreshes and ends login states: an access token and a refresh token at a time. */
public class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final UserStore users;
    private final Clock clock;

    TokenService(AccessTokenIssuer accessTokens, RefreshTokenStore refreshTokens, UserStore users, Clock clock) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.clock = clock;
    }

    /** A new login state (a new refresh token family) for a user who just logged in. */
    public TokenPair issueFor(UserAccount user) {
        requireEnabled(user);
        return pair(accessTokens.issue(user), refreshTokens.issue(user.id()));
    }

    /**
     * Trades a refresh token for a new pair; the presented token is used up. Presented again within
     * the reuse grace window, it answers the same pair as the first time.
     *
     * @throws ApiException REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED or USER_DISABLED
     */
    public TokenPair refresh(String refreshToken) {
        RefreshTokenStore.Presented presented = refreshTokens.find(refreshToken);
        UserAccount user = users.findById(presented.userId())
                .orElseThrow(() -> new ApiException(ApiError.REFRESH_TOKEN_INVALID));
        requireEnabled(user);
        Successor next = presented.isReplay()
                ? presented.replay()
                : refreshTokens.rotate(presented, refreshToken, accessTokens.issue(user));
        LOG.debug("refresh user={} family={} replay={}", user.id(), presented.familyId(), presented.isReplay());
        return pair(next.accessToken(), next.refreshToken());
    }

    /** Ends the login state the refresh token belongs to. Unknown tokens are ignored, as RFC 7009 does. */
    public void logout(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    /** Ends every login state of the user, on every device. */
    public void logoutEverywhere(long userId) {
        int revoked = refreshTokens.revokeAllOf(userId);
        LOG.info("logout everywhere user={} revoked={}", userId, revoked);
    }

    private static void requireEnabled(UserAccount user) {
        if (user.disabled()) {
            throw new ApiException(ApiError.USER_DISABLED);
        }
    }

    private TokenPair pair(AccessToken access, RefreshToken refresh) {
        long expiresIn = Duration.between(clock.instant(), access.expiresAt()).toSeconds();
        return new TokenPair(access.value(), refresh.value(), Math.max(expiresIn, 0), TokenPair.BEARER);
    }
}
