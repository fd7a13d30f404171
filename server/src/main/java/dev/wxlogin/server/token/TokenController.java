package dev.wxlogin.server.token;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.session.LoginSessions;
import dev.wxlogin.server.user.Caller;

/** Refresh and logout. Refresh and logout take the refresh token; logout everywhere takes the access token. */
@RestController
@Tag(name = "Login")
class TokenController {

    /** @param refreshToken the refresh token from the latest login or refresh */
    record RefreshTokenRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String refreshToken) {

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

    private final LoginSessions sessions;
    private final LoginRateLimiter rateLimiter;

    TokenController(LoginSessions sessions, LoginRateLimiter rateLimiter) {
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Trades a refresh token for a new access token and a new refresh token. A refresh is a login
     * without WeChat, so it draws from the same per-address bucket as logins.
     */
    @Operation(operationId = "refreshToken", summary = "Trade a refresh token for a new pair",
            description = "Uses the refresh token up and answers a new access token and a new refresh token. The same "
                    + "token presented again within the reuse grace window (WXLOGIN_REFRESH_REUSE_GRACE, 30 s) answers "
                    + "the same pair; after it, the reuse revokes the whole login (REFRESH_TOKEN_REUSED).")
    @ApiErrors({ApiError.INVALID_FIELD, ApiError.REFRESH_TOKEN_INVALID, ApiError.REFRESH_TOKEN_REUSED,
            ApiError.USER_DISABLED, ApiError.RATE_LIMITED})
    @PostMapping(path = "/api/v1/token/refresh", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    TokenPair refresh(@RequestBody RefreshTokenRequest request, RequestOrigin origin) {
        rateLimiter.checkClientIp(origin.clientAddress());
        return sessions.refresh(request.required(), origin);
    }

    /** Ends this login: the refresh token and every token descended from its login stop working. */
    @Operation(operationId = "logout", summary = "End this login",
            description = "Revokes the refresh token's family: it and every token descended from its login stop "
                    + "working. Unknown tokens are accepted silently (RFC 7009). Access tokens already issued stay "
                    + "valid until they expire.")
    @ApiErrors(ApiError.INVALID_FIELD)
    @PostMapping(path = "/api/v1/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestBody RefreshTokenRequest request, RequestOrigin origin) {
        sessions.logout(request.required(), origin);
    }

    /** Ends every login of the caller, on every device, and on the web: browser sign-ins and websites' grants. */
    @Operation(operationId = "logoutEverywhere", summary = "End every login of the caller, on every device and website",
            description = "Ends every mini-program session, every browser sign-in made by scanning, and every website's grant: "
                    + "the websites' refresh tokens stop at once, their access tokens are refused by userinfo and introspection "
                    + "at once (they still verify by signature until they expire), and each website needs a new approval on the phone.")
    @SecurityRequirement(name = "bearer")
    @PostMapping("/api/v1/logout/all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(Caller caller, RequestOrigin origin) {
        sessions.logoutEverywhere(caller.userId(), caller.appid(), origin);
    }
}
