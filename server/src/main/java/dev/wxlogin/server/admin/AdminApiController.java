package dev.wxlogin.server.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.account.UserAdministration;
import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditPage;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.token.SigningKeyStatus;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The admin API, {@code /admin/api/v1}: for scripts with an admin API key, and for the console's
 * session. Documented in docs/console.md rather than in the public OpenAPI document, which is the
 * contract for mini programs and integrators (an admin's surface is no business of theirs).
 */
@Hidden
@RestController
@RequestMapping(path = "/admin/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminApiController {

    private static final int MAX_PAGE_SIZE = 100;

    private final AdminOperations operations;
    private final UserAdministration users;
    private final AuditLog audit;

    AdminApiController(AdminOperations operations, UserAdministration users, AuditLog audit) {
        this.operations = operations;
        this.users = users;
        this.audit = audit;
    }

    /** Searches users by id, openid, unionid, nickname or the phone number's last digits, of one app or platform if named. */
    @GetMapping("/users")
    AdminUserPage users(@RequestParam(name = "q", required = false) String query, @RequestParam(required = false) String app,
                        @RequestParam(required = false) String platform,
                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPaging(page, size);
        return operations.search(query, app, platform, page, size);
    }

    /** One user: profile, linked accounts, sessions, recent audit events. */
    @GetMapping("/users/{id}")
    AdminUserDetail user(@PathVariable long id) {
        return operations.user(id).orElseThrow(() -> new ApiException(ApiError.ADMIN_NOT_FOUND));
    }

    /** Disables the user: their tokens are refused within seconds. */
    @PostMapping("/users/{id}/disable")
    AdminUser disable(@PathVariable long id, AdminActor admin) {
        found(users.disable(id, admin));
        return user(id).user();
    }

    /** Enables the user again. */
    @PostMapping("/users/{id}/enable")
    AdminUser enable(@PathVariable long id, AdminActor admin) {
        found(users.enable(id, admin));
        return user(id).user();
    }

    /** Ends every session of the user. */
    @DeleteMapping("/users/{id}/sessions")
    Map<String, Integer> revokeSessions(@PathVariable long id, AdminActor admin) {
        found(users.user(id).isPresent());
        return Map.of("revoked", users.revokeSessions(id, admin));
    }

    /** Ends one session of the user. */
    @DeleteMapping("/users/{id}/sessions/{sid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeSession(@PathVariable long id, @PathVariable String sid, AdminActor admin) {
        found(users.revokeSession(id, sid, admin));
    }

    /** Deletes the user and their personal data. */
    @DeleteMapping("/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, AdminActor admin) {
        found(users.delete(id, admin));
    }

    /** The audit log, newest first, filtered by app, outcome code, user, event type and time range. */
    @GetMapping("/audit")
    AuditPage audit(@RequestParam(required = false) String app, @RequestParam(required = false) String outcome,
                    @RequestParam(required = false) Long user, @RequestParam(required = false) String type,
                    @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPaging(page, size);
        return audit.find(new AuditQuery(blankToNull(app), eventType(type), blankToNull(outcome), false, user, null, from, to), page, size);
    }

    /** The signing keys, newest first. */
    @GetMapping("/signing-keys")
    List<SigningKeyStatus> signingKeys() {
        return operations.signingKeys();
    }

    /** Makes a new signing key for each algorithm in use and signs with them from now on. */
    @PostMapping("/signing-keys/rotate")
    Map<String, Object> rotate(AdminActor admin) {
        List<String> kids = operations.rotateSigningKey(admin);
        // "kid" (the access tokens' ES256 key) stays for the clients written against one key.
        return Map.of("kid", kids.get(0), "kids", kids);
    }

    /** The configured apps and their WeChat access_token health (never the token). */
    @GetMapping("/apps")
    List<AppStatus> apps() {
        return operations.apps();
    }

    static AuditEventType eventType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return AuditEventType.valueOf(type.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.INVALID_FIELD, "type is not an audit event type");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void checkPaging(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ApiException(ApiError.INVALID_FIELD, "page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
    }

    private static void found(boolean found) {
        if (!found) {
            throw new ApiException(ApiError.ADMIN_NOT_FOUND);
        }
    }
}
