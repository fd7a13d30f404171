package dev.wxlogin.server.weblogin;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

import io.swagger.v3.oas.annotations.Hidden;

import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.oidc.BrowserPages;
import dev.wxlogin.server.oidc.OidcClients;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;

/**
 * The browser's half: the scan page with the mini-program code, its status by polling (Server-Sent
 * Events: {@link ScanEventsController}), and the step that signs the browser in as the user and resumes the website's
 * authorization request. Pages, not API: hidden from the OpenAPI document.
 */
@Controller
@Hidden
class ScanPageController {

    /** The browser's claim on its ticket: {@code ticket.secret}, HttpOnly. */
    static final String COOKIE = "WXLOGIN_SCAN";

    private final WebLoginService service;
    private final OidcClients clients;
    private final WebLoginProperties properties;
    private final RequestCache requests;
    private final WebSignInContexts contexts;
    private final LoginRateLimiter rateLimiter;
    private final WebsiteRequests websiteRequests;

    ScanPageController(WebLoginService service, OidcClients clients, WebLoginProperties properties,
                       RequestCache webSignInRequests, WebSignInContexts contexts, LoginRateLimiter rateLimiter,
                       RegisteredClientRepository registeredClients) {
        this.websiteRequests = new WebsiteRequests(registeredClients);
        this.rateLimiter = rateLimiter;
        this.requests = webSignInRequests;
        this.contexts = contexts;
        this.service = service;
        this.clients = clients;
        this.properties = properties;
    }

    @GetMapping(path = "/login/scan", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response) {
        // Before the ticket: its code is a billed WeChat call, and a refused page makes neither.
        Optional<Duration> retryAfter = rateLimiter.tryScanPage(request.getRemoteAddr());
        if (retryAfter.isPresent()) {
            ResponseEntity<String> page = BrowserPages.respond(HttpStatus.TOO_MANY_REQUESTS, new BrowserPages.Message("登录码请求过多",
                    "Too many sign-in codes", "你所在的网络请求了太多登录码。请等一分钟后刷新页面。",
                    "Too many sign-in codes were asked for from your network. Wait a minute, then reload the page."));
            return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.get().toSeconds())).body(page.getBody());
        }
        SavedRequest saved = requests.getRequest(request, response);
        WebsiteRequests.Checked checked = websiteRequests.check(saved == null ? null : saved.getRedirectUrl());
        if (checked.problem() != null) {
            // No ticket and no code: a request the authorization endpoint would refuse gets nothing to show a phone.
            return BrowserPages.respond(HttpStatus.BAD_REQUEST, checked.problem());
        }
        String clientName = clients.find(checked.request().clientId()).map(OidcClients.ClientView::name).orElseThrow();
        WebLoginService.Started started = service.start(checked.request(), RequestOrigin.of(request));
        Cookie cookie = new Cookie(COOKIE, started.ticket() + "." + started.browserSecret());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/login/scan");
        cookie.setMaxAge((int) properties.ticketTtl().toSeconds() + 60);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ScanPages.scan(started.ticket(), clientName));
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
        context.setAuthentication(contexts.signIn(completion.userId(), completion.clientId(), completion.scopes(), request, response));
        SecurityContextHolder.setContext(context);
        SavedRequest saved = requests.getRequest(request, response);
        String target = saved != null ? saved.getRedirectUrl() : request.getContextPath() + "/login/scan/done";
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", target).cacheControl(CacheControl.noStore()).build();
    }

    /**
     * Where the provider would ask for consent in the browser. Consent is given on the phone: a
     * website or scopes not approved for this browser's sign-in send it to the scan page instead
     * ({@link WebSignInContexts#loadContext}), so this page only says to start again.
     */
    @GetMapping(path = "/login/consent", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> consent() {
        return BrowserPages.respond(HttpStatus.FORBIDDEN, new BrowserPages.Message("需要在手机上确认", "Approve on your phone",
                "网站和它要的信息只能在手机上的小程序里确认。请回到网站重新登录，扫码后在手机上确认。",
                "Websites and what they ask for are approved only on your phone, in the mini program. Go back to the website and "
                        + "sign in again; scan the code and approve on your phone."));
    }

    /** Where a browser lands that signed in without a website to go back to. */
    @GetMapping(path = "/login/scan/done", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> done() {
        return BrowserPages.respond(HttpStatus.OK, new BrowserPages.Message("已登录", "Signed in", "你已登录，可以关闭此页面。",
                "You are signed in. You can close this page."));
    }

    private static ResponseEntity<String> refusalPage(WebLoginService.Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN -> page(HttpStatus.NOT_FOUND, "未知的登录码", "Unknown sign-in code",
                    "这个登录码不存在。请刷新页面获取新的登录码。", "This sign-in code is unknown. Reload the page for a new one.");
            case OTHER_BROWSER -> page(HttpStatus.FORBIDDEN, "其他浏览器的登录码", "Another browser's code",
                    "这个登录码属于另一个浏览器。请在显示它的页面上登录，或刷新获取新的登录码。",
                    "This sign-in code belongs to another browser. Sign in from the page that showed it, or reload for a new code.");
            case NOT_APPROVED -> page(HttpStatus.CONFLICT, "尚未确认", "Not confirmed", "这次登录还没有在手机上确认。",
                    "This sign-in has not been confirmed on the phone.");
            case DENIED -> page(HttpStatus.FORBIDDEN, "登录被拒绝", "Sign-in denied", "登录已在手机上被拒绝。", "Sign-in was denied on the phone.");
            case USED -> page(HttpStatus.CONFLICT, "登录码已使用", "Code already used", "这个登录码已经用过。请刷新页面获取新的登录码。",
                    "This sign-in code was already used. Reload the page for a new one.");
            case EXPIRED -> page(HttpStatus.GONE, "登录码已过期", "Code expired", "这个登录码已过期。请刷新页面获取新的登录码。",
                    "This sign-in code has expired. Reload the page for a new one.");
        };
    }

    private static ResponseEntity<String> page(HttpStatus status, String titleZh, String titleEn, String textZh, String textEn) {
        return BrowserPages.respond(status, new BrowserPages.Message(titleZh, titleEn, textZh, textEn));
    }

    /** The secret in the cookie, when the cookie is for this ticket. */
    static String secretFor(String ticket, String claim) {
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

    /** The pages, escaped, with no inline script (the CSP forbids it). */
    static final class ScanPages {

        private ScanPages() {
        }

        /** The page with the code of {@code ticket}, for signing in to the website registered as {@code clientName}. */
        static String scan(String ticket, String clientName) {
            String t = HtmlUtils.htmlEscape(ticket);
            String name = HtmlUtils.htmlEscape(clientName);
            return BrowserPages.head("登录 " + clientName + " / Sign in to " + clientName) + "<body data-ticket=\"" + t + "\">\n<main>\n"
                    + "<h1>登录 " + name + " <span lang=\"en\">/ Sign in to " + name + "</span></h1>\n"
                    + "<p id=\"hint\">用微信扫码，在小程序中确认登录。 <span lang=\"en\">Scan with WeChat to sign in with the mini program.</span></p>\n"
                    + "<img id=\"code\" src=\"/login/scan/" + t + "/code.png\" width=\"280\" height=\"280\" alt=\"mini-program code\">\n"
                    + "<p id=\"status\" data-status=\"PENDING\">等待扫码… Waiting for a scan…</p>\n"
                    + "</main>\n<script src=\"/login/scan.js\"></script>\n</body>\n</html>\n";
        }
    }
}
