package dev.wxlogin.server.session;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
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
@Tag(name = "Tokens")
class IntrospectionController {

    /**
     * RFC 7662's answer: only {@code active} when the token is not active.
     *
     * @param active    whether the token is valid and its session and user are live
     * @param tokenType {@code Bearer}
     * @param iss       our issuer
     * @param sub       our user id
     * @param aud       its audiences
     * @param exp       expiry, seconds since the epoch
     * @param iat       issue time, seconds since the epoch
     * @param jti       the token's id
     * @param sid       its session
     * @param appid     the mini program
     * @param openid    the user's openid in it
     * @param plt       the app's platform ({@code wechat}, {@code douyin}, {@code alipay}, {@code qq}); absent for a
     *                  token issued before tokens carried it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IntrospectionResponse(boolean active, @JsonProperty("token_type") String tokenType, String iss, String sub,
                                 List<String> aud, Long exp, Long iat, String jti, String sid, String appid,
                                 String openid, String plt) {

        static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, null, null, null, null, null, null,
                null, null, null, null, null);
    }

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
    @Operation(operationId = "introspectToken", summary = "Introspect an access token (RFC 7662)",
            description = "For resource servers configured in WXLOGIN_INTROSPECTION_CLIENTS, authenticated with HTTP Basic "
                    + "(client_secret_basic). Answers active=true with the token's claims while the token is valid and its "
                    + "session and user are live, else only active=false.",
            responses = @ApiResponse(responseCode = "200", description = "the token's state",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = IntrospectionResponse.class))))
    @ApiErrors({ApiError.CLIENT_UNAUTHORIZED, ApiError.INVALID_FIELD})
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

    private IntrospectionResponse describe(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException invalidOrExpired) {
            return IntrospectionResponse.INACTIVE;
        }
        String sessionId = jwt.getClaimAsString(SessionClaims.SESSION_ID);
        if (revocations.status(Long.parseLong(jwt.getSubject()), sessionId) != SessionRevocations.Status.ACTIVE) {
            return IntrospectionResponse.INACTIVE;
        }
        return new IntrospectionResponse(true, "Bearer", jwt.getClaimAsString("iss"), jwt.getSubject(), jwt.getAudience(),
                jwt.getExpiresAt().getEpochSecond(), Optional.ofNullable(jwt.getIssuedAt()).map(Instant::getEpochSecond).orElse(null),
                jwt.getId(), sessionId, jwt.getClaimAsString("appid"), jwt.getClaimAsString("openid"),
                jwt.getClaimAsString(SessionClaims.PLATFORM));
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
