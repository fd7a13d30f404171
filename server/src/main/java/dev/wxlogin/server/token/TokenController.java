package dev.wxlogin.server.token;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.user.Caller;

/** Refresh and logout. Refresh and logout take the refresh token; logout everywhere takes the access token. */
@RestController
class TokenController {

    /** @param refreshToken the refresh token from the latest login or refresh */
    record RefreshTokenRequest(String refreshToken) {

        String required() {
            if (refreshToken == null || refreshToken.isBlank()) {
                throw new ApiException(ApiError.INVALID_FIELD, "refreshToken is required");
            }
            return refreshToken;
        }

        @Override
        public String toString() {
            return "RefreshTokenRequest[***]";
        }
    }

    private final TokenService tokens;
    private final LoginRateLimiter rateLimiter;

    TokenController(TokenService tokens, LoginRateLimiter rateLimiter) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Trades a refresh token for a new access token and a new refresh token. A refresh is a login
     * without WeChat, so it draws from the same per-address bucket as logins.
     */
    @PostMapping(path = "/api/v1/token/refresh", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    TokenPair refresh(@RequestBody RefreshTokenRequest request, HttpServletRequest http) {
        rateLimiter.checkClientIp(http.getRemoteAddr());
        return tokens.refresh(request.required());
    }

    /** Ends this login: the refresh token and every token descended from its login stop working. */
    @PostMapping(path = "/api/v1/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestBody RefreshTokenRequest request) {
        tokens.logout(request.required());
    }

    /** Ends every login of the caller, on every device. */
    @PostMapping("/api/v1/logout/all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(Caller caller) {
        tokens.logoutEverywhere(caller.userId());
    }
}
