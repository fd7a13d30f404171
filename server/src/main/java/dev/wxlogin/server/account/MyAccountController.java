package dev.wxlogin.server.account;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.session.LoginSession;
import dev.wxlogin.server.session.LoginSessionStore;
import dev.wxlogin.server.token.TokenService;
import dev.wxlogin.server.user.Caller;

/** The caller in control of their account: their sessions, and deleting the account. */
@RestController
@Tag(name = "Account")
class MyAccountController {

    /**
     * One of the caller's sessions.
     *
     * @param id            the session id (the {@code sid} of its access tokens)
     * @param appid         the mini program it was started in
     * @param createdAt     the login
     * @param lastUsedAt    the latest login or refresh
     * @param expiresAt     when it ends unless refreshed
     * @param clientAddress where the latest login or refresh came from
     * @param userAgent     the user agent of the latest login or refresh
     * @param current       whether it is the session of the access token this request carries
     */
    record SessionView(String id, String appid, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                       String clientAddress, String userAgent, boolean current) {

        static SessionView of(LoginSession session, String currentId) {
            return new SessionView(session.id(), session.appid(), session.createdAt(), session.lastUsedAt(),
                    session.expiresAt(), session.clientAddress(), session.userAgent(), session.id().equals(currentId));
        }
    }

    /** @param sessions the caller's active sessions, most recently used first */
    record Sessions(List<SessionView> sessions) {
    }

    private final LoginSessionStore sessions;
    private final TokenService tokens;
    private final AccountDeletion deletion;
    private final AuditLog audit;

    MyAccountController(LoginSessionStore sessions, TokenService tokens, AccountDeletion deletion, AuditLog audit) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.deletion = deletion;
        this.audit = audit;
    }

    /** The caller's active sessions; {@code current} marks the one of this request's token. */
    @Operation(operationId = "listMySessions", summary = "List the caller's sessions",
            description = "Each login is a session (a refresh-token family; id = the sid of its access tokens), with when "
                    + "it was created and last used, from which address and user agent. current marks this token's session.")
    @SecurityRequirement(name = "bearer")
    @GetMapping(path = "/api/v1/me/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    Sessions list(Caller caller) {
        return new Sessions(sessions.activeOf(caller.userId()).stream()
                .map(session -> SessionView.of(session, caller.sessionId())).toList());
    }

    /**
     * Ends one of the caller's sessions (the current one too: that is a logout); its tokens stop
     * working. 404 SESSION_NOT_FOUND when the caller has no active session with this id.
     */
    @Operation(operationId = "revokeMySession", summary = "End one of the caller's sessions",
            description = "Its refresh tokens stop at once, its access tokens within seconds on every instance. "
                    + "Ending the current session is a logout.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(ApiError.SESSION_NOT_FOUND)
    @DeleteMapping("/api/v1/me/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable String id) {
        boolean ended = id.length() <= 36 && tokens.endSession(caller.userId(), id);
        audit.record(AuditEvent.of(AuditEventType.SESSION_REVOKE, ended ? AuditEvent.OK : ApiError.SESSION_NOT_FOUND.name(),
                caller.app().appid(), caller.userId(), caller.sessionId()));
        if (!ended) {
            throw new ApiException(ApiError.SESSION_NOT_FOUND);
        }
    }

    /**
     * Deletes the caller's account and personal data; every session ends. A later login with the
     * same WeChat identity creates a new, empty account. The audit log keeps the user id and the fact.
     */
    @Operation(operationId = "deleteMe", summary = "Delete the caller's account",
            description = "Ends every session and erases the profile, avatar file, phone number, unionid link and "
                    + "session_key. A later login with the same WeChat identity creates a new, empty account.")
    @SecurityRequirement(name = "bearer")
    @DeleteMapping("/api/v1/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteAccount(Caller caller) {
        deletion.delete(caller.userId());
        // Neither address nor user agent: after a deletion the log holds only who and what.
        audit.record(new AuditEvent(null, null, AuditEventType.ACCOUNT_DELETE, AuditEvent.OK, caller.app().appid(), caller.userId(),
                null, null, null, null));
    }
}
