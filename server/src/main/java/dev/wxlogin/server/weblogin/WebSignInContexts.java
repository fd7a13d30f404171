package dev.wxlogin.server.weblogin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Who a browser signed in as by scanning, for the provider's and the scan page's chains. Not the
 * servlet session: its cookie belongs to the admin console (path {@code /admin}, SameSite=Strict),
 * which a sign-in arriving from another site's redirect would never carry. A random token in an
 * HttpOnly, SameSite=Lax cookie; only its SHA-256 is kept, in memory (route a browser to one instance).
 */
public final class WebSignInContexts implements SecurityContextRepository {

    static final String COOKIE = "WXLOGIN_WEB_SIGNIN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration lifetime;
    private final Cache<String, Authentication> signedIn;

    WebSignInContexts(Duration lifetime) {
        this.lifetime = lifetime;
        this.signedIn = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(lifetime).build();
    }

    /** Signs this browser in. */
    void signIn(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        signedIn.put(sha256(token), authentication);
        Cookie cookie = new Cookie(COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setMaxAge((int) lifetime.toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    @Override
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        Authentication authentication = find(holder.getRequest());
        if (authentication != null) {
            context.setAuthentication(authentication);
        }
        return context;
    }

    /** Signing in is {@link #signIn}'s alone; the chains' end-of-request saves keep nothing. */
    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return find(request) != null;
    }

    private Authentication find(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return signedIn.getIfPresent(sha256(cookie.getValue()));
            }
        }
        return null;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
