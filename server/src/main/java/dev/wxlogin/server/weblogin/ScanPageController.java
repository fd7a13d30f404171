package dev.wxlogin.server.weblogin;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

import io.swagger.v3.oas.annotations.Hidden;

import dev.wxlogin.server.oidc.OidcClients;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;

/**
 * The browser's half: the scan page with the mini-program code, its status by Server-Sent Events (or
 * polling), and the step that signs the browser in as the user and resumes the website's
 * authorization request. Pages, not API: hidden from the OpenAPI document.
 */
@Controller
@Hidden
class ScanPageController {

    /** The browser's claim on its ticket: {@code ticket.secret}, HttpOnly. */
    static final String COOKIE = "WXLOGIN_SCAN";
    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    private final WebLoginService service;
    private final OidcClients clients;
    private final WebLoginProperties properties;
    private final ScheduledExecutorService poller;
    private final RequestCache requests;
    private final WebSignInContexts contexts;
    private final LoginRateLimiter rateLimiter;

    ScanPageController(WebLoginService service, OidcClients clients, WebLoginProperties properties, ScheduledExecutorService webLoginPoller,
                       RequestCache webSignInRequests, WebSignInContexts contexts, LoginRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.requests = webSignInRequests;
        this.contexts = contexts;
        this.service = service;
        this.clients = clients;
        this.properties = properties;
        this.poller = webLoginPoller;
    }

    @GetMapping(path = "/login/scan", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response) {
        // Before the ticket: its code is a billed WeChat call, and a refused page makes neither.
        Optional<Duration> retryAfter = rateLimiter.tryScanPage(request.getRemoteAddr());
        if (retryAfter.isPresent()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.get().toSeconds()))
                    .body(ScanPages.message("Too many sign-in codes",
                            "Too many sign-in codes were asked for from your network. Wait a minute, then reload the page."));
        }
        SavedRequest saved = requests.getRequest(request, response);
        org.springframework.util.MultiValueMap<String, String> query = saved == null ? new org.springframework.util.LinkedMultiValueMap<>()
                : org.springframework.web.util.UriComponentsBuilder.fromUriString(saved.getRedirectUrl()).build().getQueryParams();
        String clientId = decoded(query.getFirst("client_id"));
        String scope = decoded(query.getFirst("scope"));
        List<String> scopes = scope == null ? List.of() : Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).toList();
        String clientName = clientId == null ? null : clients.find(clientId).map(OidcClients.ClientView::name).orElse(clientId);
        WebLoginService.Started started = service.start(clientId, scopes);
        Cookie cookie = new Cookie(COOKIE, started.ticket() + "." + started.browserSecret());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/login/scan");
        cookie.setMaxAge((int) properties.ticketTtl().toSeconds() + 60);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        String title = clientName == null ? "Sign in" : "Sign in to " + clientName;
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ScanPages.scan(started.ticket(), title));
    }

    @GetMapping(path = "/login/scan/{ticket}/code.png")
    ResponseEntity<byte[]> code(@PathVariable String ticket) {
        Optional<byte[]> image = service.code(ticket);
        return image.map(bytes -> ResponseEntity.ok().contentType(imageType(bytes))
                        .cacheControl(CacheControl.noStore()).body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Polling fallback: the ticket's status for this browser. */
    @GetMapping(path = "/login/scan/{ticket}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> status(@PathVariable String ticket, @CookieValue(name = COOKIE, required = false) String claim) {
        return service.status(ticket, secretFor(ticket, claim))
                .map(s -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("status", s.status().name())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", "OTHER_BROWSER")));
    }

    /** The status as Server-Sent Events ({@code status}), one per change, until the ticket is decided or over. */
    @GetMapping(path = "/login/scan/{ticket}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable String ticket, @CookieValue(name = COOKIE, required = false) String claim) {
        String secret = secretFor(ticket, claim);
        if (service.status(ticket, secret).isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        SseEmitter emitter = new SseEmitter(properties.ticketTtl().plusSeconds(30).toMillis());
        AtomicReference<TicketStatus> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable check = () -> {
            try {
                TicketStatus now = service.status(ticket, secret).map(WebLoginService.PageStatus::status).orElse(TicketStatus.EXPIRED);
                if (now != last.getAndSet(now)) {
                    emitter.send(SseEmitter.event().name("status").data(now.name()));
                }
                if (now != TicketStatus.PENDING && now != TicketStatus.SCANNED) {
                    emitter.complete();
                    task.get().cancel(false);
                }
            } catch (IOException | IllegalStateException e) {
                // The browser went away (or the emitter timed out): stop watching.
                ScheduledFuture<?> running = task.get();
                if (running != null) {
                    running.cancel(false);
                }
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                task.get().cancel(false);
            }
        };
        task.set(poller.scheduleWithFixedDelay(check, 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> task.get().cancel(false));
        emitter.onTimeout(() -> task.get().cancel(false));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(emitter);
    }

    /**
     * The page calls this once the phone approved: the browser is signed in as the user (a new
     * {@code WXLOGIN_WEB_SIGNIN}, in place of any before) and the website's authorization request
     * resumes; otherwise a page says why not.
     */
    @GetMapping(path = "/login/scan/{ticket}/complete", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> complete(@PathVariable String ticket, @CookieValue(name = COOKIE, required = false) String claim,
                                    HttpServletRequest request, HttpServletResponse response) {
        WebLoginService.Completion completion = service.complete(ticket, secretFor(ticket, claim));
        if (completion.refusal() != null) {
            return refusalPage(completion.refusal());
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(contexts.signIn(completion.userId(), request, response));
        SecurityContextHolder.setContext(context);
        SavedRequest saved = requests.getRequest(request, response);
        String target = saved != null ? saved.getRedirectUrl() : request.getContextPath() + "/login/scan/done";
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", target).cacheControl(CacheControl.noStore()).build();
    }

    /** Where a browser lands that signed in without a website to go back to. */
    @GetMapping(path = "/login/scan/done", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String done() {
        return ScanPages.message("Signed in", "You are signed in. You can close this page.");
    }

    private static ResponseEntity<String> refusalPage(WebLoginService.Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN -> page(HttpStatus.NOT_FOUND, "Unknown sign-in code", "This sign-in code is unknown. Reload the page for a new one.");
            case OTHER_BROWSER -> page(HttpStatus.FORBIDDEN, "Another browser's code",
                    "This sign-in code belongs to another browser. Sign in from the page that showed it, or reload for a new code.");
            case NOT_APPROVED -> page(HttpStatus.CONFLICT, "Not confirmed", "This sign-in has not been confirmed on the phone.");
            case DENIED -> page(HttpStatus.FORBIDDEN, "Sign-in denied", "Sign-in was denied on the phone.");
            case USED -> page(HttpStatus.CONFLICT, "Code already used", "This sign-in code was already used. Reload the page for a new one.");
            case EXPIRED -> page(HttpStatus.GONE, "Code expired", "This sign-in code has expired. Reload the page for a new one.");
        };
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String text) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore())
                .body(ScanPages.message(title, text));
    }

    /** The secret in the cookie, when the cookie is for this ticket. */
    private static String secretFor(String ticket, String claim) {
        if (claim == null) {
            return null;
        }
        int dot = claim.indexOf('.');
        return dot > 0 && claim.substring(0, dot).equals(ticket) ? claim.substring(dot + 1) : null;
    }

    /** WeChat labels its codes image/jpeg whatever they are; say what the bytes are. */
    static MediaType imageType(byte[] image) {
        boolean png = image.length > 4 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G';
        return png ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG;
    }

    private static String decoded(String value) {
        return value == null ? null : java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The pages, escaped, with no inline script (the CSP forbids it). */
    static final class ScanPages {

        private ScanPages() {
        }

        static String scan(String ticket, String title) {
            String t = HtmlUtils.htmlEscape(ticket);
            return head(title) + "<body data-ticket=\"" + t + "\">\n<main>\n<h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n"
                    + "<p id=\"hint\">Scan with WeChat to sign in with the mini program.</p>\n"
                    + "<img id=\"code\" src=\"/login/scan/" + t + "/code.png\" width=\"280\" height=\"280\" alt=\"mini-program code\">\n"
                    + "<p id=\"status\" data-status=\"PENDING\">Waiting for a scan…</p>\n"
                    + "</main>\n<script src=\"/login/scan.js\"></script>\n</body>\n</html>\n";
        }

        static String message(String title, String text) {
            return head(title) + "<body>\n<main>\n<h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n<p id=\"message\">"
                    + HtmlUtils.htmlEscape(text) + "</p>\n</main>\n</body>\n</html>\n";
        }

        static String head(String title) {
            return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + HtmlUtils.htmlEscape(title)
                    + "</title>\n<link rel=\"stylesheet\" href=\"/login/scan.css\">\n</head>\n";
        }
    }
}
