package dev.wxlogin.server.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.account.UserAdministration;
import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The admin console's pages, rendered on the server (Thymeleaf, templates/admin). Every change is a
 * POST form carrying the session's CSRF token, answered by a redirect (post/redirect/get), and
 * audited with the admin by the operations it calls.
 */
@Hidden
@Controller
@RequestMapping("/admin")
class AdminConsoleController {

    private static final int PAGE_SIZE = 20;
    private static final int AUDIT_PAGE_SIZE = 50;

    private final AdminOperations operations;
    private final UserAdministration users;
    private final AuditLog audit;
    private final Clock clock;

    AdminConsoleController(AdminOperations operations, UserAdministration users, AuditLog audit, ObjectProvider<Clock> clock) {
        this.operations = operations;
        this.users = users;
        this.audit = audit;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The admin logged in, for the page header; null on the login page. */
    @ModelAttribute("adminName")
    String adminName(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    /** Each app's platform by appid, for the audit tables (the audit log names the app). */
    @ModelAttribute("appPlatforms")
    Map<String, String> appPlatforms() {
        return operations.appPlatforms();
    }

    @GetMapping("/login")
    String login() {
        return "admin/login";
    }

    @GetMapping({"", "/"})
    String dashboard(Model model) {
        model.addAttribute("dashboard", Dashboard.of(audit, clock));
        return "admin/dashboard";
    }

    @GetMapping("/users")
    String users(@RequestParam(name = "q", required = false) String query, @RequestParam(required = false) String app,
                 @RequestParam(required = false) String platform, @RequestParam(defaultValue = "0") int page, Model model) {
        // A name that is no platform filters nothing here (the console's own select offers only the real ones).
        String knownPlatform = Platform.fromWireName(platform).map(Platform::wireName).orElse("");
        model.addAttribute("q", query == null ? "" : query);
        model.addAttribute("app", app == null ? "" : app);
        model.addAttribute("platform", knownPlatform);
        model.addAttribute("result", operations.search(query, app, knownPlatform, Math.max(0, page), PAGE_SIZE));
        model.addAttribute("apps", operations.appIds());
        model.addAttribute("platforms", operations.platforms());
        return "admin/users";
    }

    @GetMapping("/users/{id}")
    String user(@PathVariable long id, Model model) {
        model.addAttribute("detail", operations.user(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "admin/user";
    }

    @PostMapping("/users/{id}/disable")
    String disable(@PathVariable long id, AdminActor admin, RedirectAttributes redirect) {
        return done(users.disable(id, admin), "user.disabled.done", "/admin/users/" + id, redirect);
    }

    @PostMapping("/users/{id}/enable")
    String enable(@PathVariable long id, AdminActor admin, RedirectAttributes redirect) {
        return done(users.enable(id, admin), "user.enabled.done", "/admin/users/" + id, redirect);
    }

    @PostMapping("/users/{id}/sessions/revoke")
    String revokeSessions(@PathVariable long id, AdminActor admin, RedirectAttributes redirect) {
        users.revokeSessions(id, admin);
        return done(true, "user.sessions.revoked", "/admin/users/" + id, redirect);
    }

    @PostMapping("/users/{id}/sessions/{sid}/revoke")
    String revokeSession(@PathVariable long id, @PathVariable String sid, AdminActor admin, RedirectAttributes redirect) {
        return done(users.revokeSession(id, sid, admin), "user.session.revoked", "/admin/users/" + id, redirect);
    }

    @PostMapping("/users/{id}/browsers/{signInId}/revoke")
    String endBrowserSignIn(@PathVariable long id, @PathVariable String signInId, AdminActor admin, RedirectAttributes redirect) {
        return done(users.endBrowserSignIn(id, signInId, admin), "user.browser.revoked", "/admin/users/" + id, redirect);
    }

    @PostMapping("/users/{id}/websites/{clientId}/revoke")
    String disconnectWebsite(@PathVariable long id, @PathVariable String clientId, AdminActor admin, RedirectAttributes redirect) {
        return done(users.disconnectWebsite(id, clientId, admin), "user.website.revoked", "/admin/users/" + id, redirect);
    }

    @PostMapping("/users/{id}/delete")
    String delete(@PathVariable long id, AdminActor admin, RedirectAttributes redirect) {
        return done(users.delete(id, admin), "user.deleted", "/admin/users", redirect);
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String app, @RequestParam(required = false) String outcome,
                 @RequestParam(required = false) String user, @RequestParam(required = false) String type,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        Long userId = parseUserId(user);
        AuditEventType eventType = AdminApiController.eventType(type);
        AuditQuery query = new AuditQuery(AdminApiController.blankToNull(app), eventType, AdminApiController.blankToNull(outcome),
                false, userId, null, parseTime(from), parseTime(to));
        model.addAttribute("page", audit.find(query, Math.max(0, page), AUDIT_PAGE_SIZE));
        model.addAttribute("types", Arrays.stream(AuditEventType.values()).map(Enum::name).toList());
        model.addAttribute("apps", operations.appIds());
        model.addAttribute("filter", new AuditFilter(nullToEmpty(app), nullToEmpty(outcome), nullToEmpty(user), nullToEmpty(type),
                nullToEmpty(from), nullToEmpty(to)));
        return "admin/audit";
    }

    @GetMapping("/signing-keys")
    String signingKeys(Model model) {
        model.addAttribute("keys", operations.signingKeys());
        return "admin/signing-keys";
    }

    @PostMapping("/signing-keys/rotate")
    String rotate(AdminActor admin, RedirectAttributes redirect) {
        operations.rotateSigningKey(admin);
        return done(true, "keys.rotated", "/admin/signing-keys", redirect);
    }

    @GetMapping("/apps")
    String apps(Model model) {
        model.addAttribute("apps", operations.apps());
        return "admin/apps";
    }

    @GetMapping("/api-keys")
    String apiKeys(Model model) {
        model.addAttribute("keys", operations.apiKeys());
        return "admin/api-keys";
    }

    /** Answers the new key in this page only: it is never stored, nor put in the session. */
    @PostMapping("/api-keys")
    String createApiKey(@RequestParam(defaultValue = "") String name, AdminActor admin, Model model) {
        try {
            model.addAttribute("created", operations.createApiKey(name, admin));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", "apikeys.name.invalid");
        }
        return apiKeys(model);
    }

    @PostMapping("/api-keys/{id}/revoke")
    String revokeApiKey(@PathVariable String id, AdminActor admin, RedirectAttributes redirect) {
        return done(operations.revokeApiKey(id, admin), "apikeys.revoked", "/admin/api-keys", redirect);
    }

    /**
     * The audit page's filters as typed.
     *
     * @param app     appid
     * @param outcome outcome code
     * @param user    user id
     * @param type    event type
     * @param from    from (UTC, yyyy-MM-ddTHH:mm)
     * @param to      to (UTC)
     */
    record AuditFilter(String app, String outcome, String user, String type, String from, String to) {
    }

    private static String done(boolean found, String message, String target, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", found ? message : "notfound");
        return "redirect:" + target;
    }

    private static Long parseUserId(String user) {
        if (user == null || user.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(user.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    /** A time from the filter form: {@code 2026-11-27T10:00} (UTC) or an ISO instant; anything else is ignored. */
    private static Instant parseTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value.strip()) : LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
