package dev.wxlogin.server.login;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.user.Caller;

/**
 * {@code GET /api/v1/wx/session}: whether the WeChat session_key kept since the caller's latest
 * login is still current. {@code {"valid": true}}, or 409 {@code WX_SESSION_KEY_STALE}: call
 * {@code wx.login()} and log in again before sending encrypted data.
 */
@RestController
class WeChatSessionController {

    /** @param valid always {@code true}: a stale key is answered as an error */
    record SessionResponse(boolean valid) {
    }

    private final SessionKeyHealth health;

    WeChatSessionController(SessionKeyHealth health) {
        this.health = health;
    }

    @GetMapping("/api/v1/wx/session")
    SessionResponse session(Caller caller) {
        health.requireCurrent(caller.app(), caller.user());
        return new SessionResponse(true);
    }
}
