package dev.wxlogin.server.login;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.ratelimit.UserAction;
import dev.wxlogin.server.user.Caller;

/**
 * {@code GET /api/v1/wx/session}: whether the WeChat session_key kept since the caller's latest
 * login is still current. {@code {"valid": true}}, or 409 {@code WX_SESSION_KEY_STALE}: call
 * {@code wx.login()} and log in again before sending encrypted data.
 */
@RestController
@Tag(name = "WeChat session")
class WeChatSessionController {

    /** @param valid always {@code true}: a stale key is answered as an error */
    record SessionResponse(boolean valid) {
    }

    private final SessionKeyHealth health;
    private final LoginRateLimiter rateLimits;

    WeChatSessionController(SessionKeyHealth health, LoginRateLimiter rateLimits) {
        this.health = health;
        this.rateLimits = rateLimits;
    }

    @Operation(operationId = "checkWeChatSession", summary = "Check that the kept session_key is still current",
            description = "Asks WeChat (checksession) whether the session_key kept since the caller's latest login is "
                    + "still current. {valid: true}, or 409 WX_SESSION_KEY_STALE: call wx.login() and log in again "
                    + "before sending encrypted data. WeChat mini programs only (PLATFORM_UNSUPPORTED otherwise).")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = {ApiError.SESSION_KEY_MISSING, ApiError.WX_SESSION_KEY_STALE, ApiError.RATE_LIMITED, ApiError.PLATFORM_UNSUPPORTED},
            families = {ApiErrors.Family.ACCOUNT, ApiErrors.Family.WECHAT, ApiErrors.Family.WECHAT_ACCESS_TOKEN})
    @GetMapping("/api/v1/wx/session")
    SessionResponse session(Caller caller) {
        rateLimits.checkUserAction(UserAction.SESSION_CHECK, caller.user().id());
        health.requireCurrent(caller.weChatApp(), caller.user());
        return new SessionResponse(true);
    }
}
