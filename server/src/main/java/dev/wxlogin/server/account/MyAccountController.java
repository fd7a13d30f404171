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
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.session.LoginSession;
import dev.wxlogin.server.session.LoginSessions;
import dev.wxlogin.server.user.Caller;
import dev.wxlogin.server.weblogin.WebGrants;

/** The caller in control of their account: their sessions (mini program and web), and deleting the account. */
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
     * @param reusedElsewhere the latest time a used refresh token of this session came back inside the reuse grace window
     *                        from another address or user agent than where it was used first (a copy may be in someone
     *                        else's hands: end the session if it was not you), or {@code null}
     */
    record SessionView(String id, String appid, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                       String clientAddress, String userAgent, boolean current, LoginSession.ReuseElsewhere reusedElsewhere) {

        static SessionView of(LoginSession session, String currentId) {
            return new SessionView(session.id(), session.appid(), session.createdAt(), session.lastUsedAt(),
                    session.expiresAt(), session.clientAddress(), session.userAgent(), session.id().equals(currentId), session.reuse());
        }
    }

    /**
     * Everything the caller is signed in with.
     *
     * @param sessions the caller's active mini-program sessions, most recently used first
     * @param browsers the browsers signed in by scanning a website's code, newest first
     * @param websites the websites the caller approved on the phone, with what each was given
     */
    record Sessions(List<SessionView> sessions, List<WebGrants.BrowserSignIn> browsers, List<WebGrants.ConnectedWebsite> websites) {
    }

    private final LoginSessions sessions;
    private final AccountDeletion deletion;
    private final AuditLog audit;
    private final WebGrants web;

    MyAccountController(LoginSessions sessions, AccountDeletion deletion, AuditLog audit, WebGrants web) {
        this.web = web;
        this.sessions = sessions;
        this.deletion = deletion;
        this.audit = audit;
    }

    /** The caller's active sessions; {@code current} marks the one of this request's token. */
    @Operation(operationId = "listMySessions", summary = "List the caller's sessions, browser sign-ins and connected websites",
            description = "sessions: each mini-program login is a session (a refresh-token family; id = the sid of its access "
                    + "tokens), with when it was created and last used, from which address and user agent; current marks this "
                    + "token's session. browsers: each browser signed in by scanning a website's code (browser, system, address, "
                    + "last use). websites: each website approved on the phone (scopes, since when). Each can be ended with DELETE.")
    @SecurityRequirement(name = "bearer")
    @GetMapping(path = "/api/v1/me/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    Sessions list(Caller caller) {
        return new Sessions(sessions.activeOf(caller.userId()).stream()
                .map(session -> SessionView.of(session, caller.sessionId())).toList(),
                web.signInsOf(caller.userId()), web.websitesOf(caller.userId()));
    }

    /** Ends one browser sign-in of the caller: that browser needs a new scan for every website. */
    @Operation(operationId = "endMyBrowserSignIn", summary = "End one of the caller's browser sign-ins",
            description = "The browser is signed out of wxlogin on every instance at once: its websites need a new scan and approval. "
                    + "Tokens the websites already hold are not ended by this; disconnect the website for that.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(ApiError.SESSION_NOT_FOUND)
    @DeleteMapping("/api/v1/me/sessions/browsers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void endBrowserSignIn(Caller caller, @PathVariable String id, RequestOrigin origin) {
        boolean ended = id.length() <= 22 && web.endSignIn(caller.userId(), id);
        auditRevoke(caller, origin, ended, null);
    }

    /** Disconnects a website from the caller's account: its tokens stop, and it needs a new approval on the phone. */
    @Operation(operationId = "disconnectMyWebsite", summary = "Disconnect a website from the caller's account",
            description = "The website's refresh tokens stop at once and its access tokens are refused by userinfo and "
                    + "introspection at once (they still verify by signature until they expire, at most the ID-token lifetime); "
                    + "the approval goes, so signing in to it again needs a scan and an approval on the phone.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(ApiError.SESSION_NOT_FOUND)
    @DeleteMapping("/api/v1/me/sessions/websites/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disconnectWebsite(Caller caller, @PathVariable String clientId, RequestOrigin origin) {
        boolean ended = clientId.length() <= 100 && web.disconnect(caller.userId(), clientId);
        auditRevoke(caller, origin, ended, clientId);
    }

    /** Audits ending a session, browser sign-in or website ({@code clientId}, or null) of the caller; 404 when there was none. */
    private void auditRevoke(Caller caller, RequestOrigin origin, boolean ended, String clientId) {
        audit.record(new AuditEvent(null, null, AuditEventType.SESSION_REVOKE, ended ? AuditEvent.OK : ApiError.SESSION_NOT_FOUND.name(),
                caller.appid(), caller.userId(), caller.sessionId(), origin.clientAddress(), origin.userAgent(), null, clientId));
        if (!ended) {
            throw new ApiException(ApiError.SESSION_NOT_FOUND);
        }
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
    void revoke(Caller caller, @PathVariable String id, RequestOrigin origin) {
        boolean ended = id.length() <= 36 && sessions.end(caller.userId(), id);
        auditRevoke(caller, origin, ended, null);
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
        audit.record(new AuditEvent(null, null, AuditEventType.ACCOUNT_DELETE, AuditEvent.OK, caller.appid(), caller.userId(),
                null, null, null, null));
    }
}
