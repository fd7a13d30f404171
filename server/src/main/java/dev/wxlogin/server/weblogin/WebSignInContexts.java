package dev.wxlogin.server.weblogin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.crypto.Sha256;

/**
 * Who a browser signed in as by scanning, for the provider's and the scan page's chains, and the end
 * of it at the provider's logout. Not the servlet session: its cookie belongs to the admin console
 * (path {@code /admin}, SameSite=Strict), which a sign-in arriving from another site's redirect would
 * never carry. A random token in an HttpOnly, SameSite=Lax cookie; the sign-in is stored in the
 * database under the token's SHA-256 ({@link WebSignIns}), so any instance may serve the browser.
 */
public final class WebSignInContexts implements SecurityContextRepository, LogoutHandler {

    static final String COOKIE = "WXLOGIN_WEB_SIGNIN";
    /** The authentication factor a scan is: {@code FACTOR_WECHAT_SCAN}; its time is the ID token's auth_time. */
    static final String SCAN_FACTOR = "WECHAT_SCAN";
    /** The provider's authorization endpoint, where a sign-in counts only for what the phone approved. */
    private static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final WebSignIns signIns;
    private final Duration lifetime;
    private final Clock clock;

    WebSignInContexts(WebSignIns signIns, Duration lifetime, Clock clock) {
        this.signIns = signIns;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * Signs this browser in as the user, in place of whoever it was signed in as, with the website and
     * scopes just approved on the phone. What the same user approved for this browser before is kept;
     * a new token (and sign-in id) replaces the old all the same.
     */
    Authentication signIn(long userId, String clientId, List<String> scopes, HttpServletRequest request, HttpServletResponse response) {
        Instant checkedAt = clock.instant();
        Map<String, Set<String>> before = cookieToken(request)
                .flatMap(previous -> signIns.findActive(Sha256.hex(previous), checkedAt))
                .filter(previous -> previous.userId() == userId)
                .map(previous -> signIns.approvals(previous.id()))
                .orElse(Map.of());
        cookieToken(request).ifPresent(previous -> signIns.delete(Sha256.hex(previous)));
        String token = random(32);
        // As the database keeps it, so that every instance rebuilds the same auth_time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        WebSignIns.SignIn signIn = new WebSignIns.SignIn(random(16), userId, now, now.plus(lifetime), RequestOrigin.of(request), now);
        signIns.insert(signIn, Sha256.hex(token));
        before.forEach((client, approved) -> signIns.approve(signIn.id(), client, approved));
        if (clientId != null) {
            // Null only for a ticket made before tickets named their website: it approved none.
            signIns.approve(signIn.id(), clientId, new LinkedHashSet<>(scopes));
        }
        response.addCookie(cookie(token, lifetime, request));
        return authentication(signIn);
    }

    /**
     * Who the browser is signed in as. At the authorization endpoint, only for a website and scopes
     * approved on the phone for this sign-in: for anything else the browser counts as not signed in,
     * so the provider sends it to the scan page, and the phone must approve.
     */
    @Override
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        HttpServletRequest request = holder.getRequest();
        Instant now = clock.instant();
        cookieToken(request).flatMap(token -> signIns.findActive(Sha256.hex(token), now))
                .filter(signIn -> !AUTHORIZATION_ENDPOINT.equals(request.getRequestURI().substring(request.getContextPath().length())) || approvedFor(signIn, request, now))
                .map(WebSignInContexts::authentication)
                .ifPresent(context::setAuthentication);
        return context;
    }

    /** Whether the phone approved the request's website with all its scopes for this sign-in; records the use. */
    private boolean approvedFor(WebSignIns.SignIn signIn, HttpServletRequest request, Instant now) {
        String clientId = request.getParameter("client_id");
        Set<String> approved = clientId == null ? null : signIns.approvals(signIn.id()).get(clientId);
        if (approved == null) {
            return false;
        }
        String[] scopeParameters = request.getParameterValues("scope");
        List<String> asked = scopeParameters == null ? List.of()
                : Arrays.stream(scopeParameters).flatMap(s -> Arrays.stream(s.split(" "))).filter(s -> !s.isEmpty()).toList();
        if (!approved.containsAll(asked)) {
            return false;
        }
        signIns.touch(signIn.id(), now);
        return true;
    }

    /** Signing in is {@link #signIn}'s alone; the chains' end-of-request saves keep nothing. */
    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return cookieToken(request).flatMap(token -> signIns.findActive(Sha256.hex(token), clock.instant())).isPresent();
    }

    /**
     * Ends this browser's sign-in, whoever it was (the provider's logout calls this once it has
     * validated the request): the row goes, on every instance at once, and the cookie is cleared.
     */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        cookieToken(request).ifPresent(token -> signIns.delete(Sha256.hex(token)));
        response.addCookie(cookie("", Duration.ZERO, request));
        SecurityContextHolder.clearContext();
    }

    /** The authentication a sign-in stands for: the user id as the name, the scan as the factor, at its time. */
    static Authentication authentication(WebSignIns.SignIn signIn) {
        return UsernamePasswordAuthenticationToken.authenticated(Long.toString(signIn.userId()), null,
                List.of(new SimpleGrantedAuthority("ROLE_USER"),
                        FactorGrantedAuthority.withFactor(SCAN_FACTOR).issuedAt(signIn.signedInAt()).build()));
    }

    private static Optional<String> cookieToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static Cookie cookie(String value, Duration maxAge, HttpServletRequest request) {
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setMaxAge((int) maxAge.toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }
}
