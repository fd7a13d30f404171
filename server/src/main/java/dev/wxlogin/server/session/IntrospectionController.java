package dev.wxlogin.server.session;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.error.ErrorResponses;

/**
 * RFC 7662 token introspection for resource servers that want to know at once whether one of our
 * access tokens still holds (its session not ended, its user neither disabled nor deleted), instead
 * of trusting its signature until it expires.
 *
 * <p>Callers authenticate with HTTP Basic as a client configured in
 * {@code WXLOGIN_INTROSPECTION_CLIENTS} ({@code client_secret_basic}); a user's access token opens
 * nothing here, so that no user can probe other users' tokens.
 */
@RestController
class IntrospectionController {

    static final String PATH = "/oauth2/introspect";

    private final JwtDecoder decoder;
    private final SessionRevocations revocations;
    private final ErrorResponses errors;
    private final Map<String, byte[]> secretDigests = new LinkedHashMap<>();

    IntrospectionController(JwtDecoder decoder, SessionRevocations revocations, ErrorResponses errors,
                            IntrospectionProperties properties) {
        this.decoder = decoder;
        this.revocations = revocations;
        this.errors = errors;
        properties.secretsById().forEach((id, secret) -> secretDigests.put(id, sha256(secret)));
    }

    /**
     * @param token         the access token to look at
     * @param tokenTypeHint ignored: only access tokens are introspected; anything else is inactive
     */
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> introspect(@RequestParam(required = false) String token,
                                      @RequestParam(name = "token_type_hint", required = false) String tokenTypeHint,
                                      HttpServletRequest request) {
        if (!authenticated(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            ResponseEntity<Object> refused = errors.entity(ApiError.CLIENT_UNAUTHORIZED, null, request);
            return ResponseEntity.status(refused.getStatusCode()).headers(refused.getHeaders())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"wxlogin\"").body(refused.getBody());
        }
        if (token == null || token.isBlank()) {
            throw new ApiException(ApiError.INVALID_FIELD, "token is required");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(describe(token));
    }

    private Map<String, Object> describe(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException invalidOrExpired) {
            return Map.of("active", false);
        }
        String sessionId = jwt.getClaimAsString(SessionClaims.SESSION_ID);
        if (revocations.status(Long.parseLong(jwt.getSubject()), sessionId) != SessionRevocations.Status.ACTIVE) {
            return Map.of("active", false);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("token_type", "Bearer");
        answer.put("iss", jwt.getClaimAsString("iss"));
        answer.put("sub", jwt.getSubject());
        answer.put("aud", jwt.getAudience());
        answer.put("exp", jwt.getExpiresAt().getEpochSecond());
        Optional.ofNullable(jwt.getIssuedAt()).ifPresent(iat -> answer.put("iat", iat.getEpochSecond()));
        answer.put("jti", jwt.getId());
        answer.put("sid", sessionId);
        answer.put("appid", jwt.getClaimAsString("appid"));
        answer.put("openid", jwt.getClaimAsString("openid"));
        return answer;
    }

    /** HTTP Basic with a configured client, its id and secret form-urlencoded first as RFC 6749 2.3.1 says. */
    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String id;
        String secret;
        try {
            id = URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(credentials.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEncoding) {
            return false;
        }
        byte[] expected = secretDigests.get(id);
        // Digests of equal length, compared in constant time: neither length nor prefix leaks.
        byte[] presented = sha256(secret);
        return expected != null && MessageDigest.isEqual(expected, presented);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
