package dev.wxlogin.server.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.wxlogin.server.oidc.OidcProperties;
import dev.wxlogin.server.oidc.OidcScopes;
import dev.wxlogin.server.user.ProfileRules;

/**
 * A website as an admin registers it, from the console's form or the admin API's body; {@link #problems()}
 * says what is wrong with it. Lists are kept in the order given, without blanks or repeats.
 *
 * @param clientId               its client_id
 * @param name                   what the confirm page shows; {@code null} for the client_id
 * @param redirectUris           where codes may be sent
 * @param postLogoutRedirectUris where RP-initiated logout may return to
 * @param scopes                 what it may ask for
 * @param confidential           whether it gets a secret (a website with a server) or is public (a single-page app)
 * @param idTokenSigningAlgorithm how its ID tokens are signed, {@code RS256} or {@code ES256}; {@code null} for RS256,
 *                               which every OIDC client verifies without being told
 */
public record WebsiteRegistration(String clientId, String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
                                  List<String> scopes, boolean confidential, String idTokenSigningAlgorithm) {

    /** The ID-token algorithms a website may have (those {@code OidcClients.save} accepts), the default first. */
    public static final List<String> ID_TOKEN_ALGORITHMS = List.of("RS256", "ES256");

    /** What the uniqueness of client_ids and the URL paths of the console and API allow: RFC 3986's unreserved characters. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    private static final int MAX_NAME = 100;
    /**
     * The URIs of one kind are stored joined by commas in a column of 1000 characters (Spring
     * Authorization Server's schema), which is also why a URI may not contain a comma.
     */
    private static final int MAX_URIS = 1000;

    /** What can be wrong with a registration, with what the API says about it. */
    public enum Kind {
        CLIENT_ID_INVALID("must be 1 to 100 of the characters A-Z a-z 0-9 . _ ~ -"),
        CLIENT_ID_TAKEN("a website with this client_id is already registered"),
        NAME_INVALID("at most " + MAX_NAME + " characters, without control characters or bidirectional controls"),
        MISSING("at least one is required"),
        URI_INVALID("not an absolute http or https URL with a host, without a fragment (#), user info, comma or spaces"),
        TOO_LONG("longer than " + MAX_URIS + " characters together"),
        SCOPE_UNKNOWN("not a scope this service offers (" + String.join(", ", OidcScopes.supported()) + ")"),
        OPENID_MISSING("openid is required"),
        ALGORITHM_UNKNOWN("not an ID-token algorithm this service offers (" + String.join(", ", ID_TOKEN_ALGORITHMS) + ")");

        private final String message;

        Kind(String message) {
            this.message = message;
        }

        /** In English, for the admin API. */
        public String message() {
            return message;
        }
    }

    /**
     * One thing wrong.
     *
     * @param field the field of the API's body ({@code clientId}, {@code name}, {@code redirectUris},
     *              {@code postLogoutRedirectUris}, {@code scopes}, {@code idTokenSigningAlgorithm}); the console labels it
     * @param kind  what is wrong
     * @param value the value refused, or {@code null} when the field as a whole is
     */
    public record Problem(String field, Kind kind, String value) {

        /** As the admin API says it (a long value cut short). */
        public String describe() {
            if (value == null) {
                return field + ": " + kind.message();
            }
            return field + ": " + kind.message() + ": " + (value.length() > 100 ? value.substring(0, 100) + "..." : value);
        }
    }

    /**
     * The registration with its lists cleaned: trimmed, without blanks or repeats; a blank name is none,
     * a blank algorithm the default.
     */
    public WebsiteRegistration {
        clientId = clientId == null ? "" : clientId.strip();
        name = name == null || name.isBlank() ? null : name.strip();
        redirectUris = cleaned(redirectUris);
        postLogoutRedirectUris = cleaned(postLogoutRedirectUris);
        scopes = cleaned(scopes);
        idTokenSigningAlgorithm = idTokenSigningAlgorithm == null || idTokenSigningAlgorithm.isBlank()
                ? ID_TOKEN_ALGORITHMS.get(0) : idTokenSigningAlgorithm.strip();
    }

    /** Everything wrong with it, in the order of the fields; empty when it can be saved. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (!CLIENT_ID.matcher(clientId).matches()) {
            problems.add(new Problem("clientId", Kind.CLIENT_ID_INVALID, clientId));
        }
        if (name != null && (name.length() > MAX_NAME || !ProfileRules.isShowableText(name))) {
            problems.add(new Problem("name", Kind.NAME_INVALID, null));
        }
        if (redirectUris.isEmpty()) {
            problems.add(new Problem("redirectUris", Kind.MISSING, null));
        }
        uris("redirectUris", redirectUris, problems);
        uris("postLogoutRedirectUris", postLogoutRedirectUris, problems);
        for (String scope : scopes) {
            if (!OidcScopes.supported().contains(scope)) {
                problems.add(new Problem("scopes", Kind.SCOPE_UNKNOWN, scope));
            }
        }
        if (!scopes.contains(OidcScopes.OPENID)) {
            problems.add(new Problem("scopes", Kind.OPENID_MISSING, null));
        }
        if (!ID_TOKEN_ALGORITHMS.contains(idTokenSigningAlgorithm)) {
            problems.add(new Problem("idTokenSigningAlgorithm", Kind.ALGORITHM_UNKNOWN, idTokenSigningAlgorithm));
        }
        return problems;
    }

    /** As {@code OidcClients.save} takes it. @param secret the secret to register, {@code null} for a public website */
    OidcProperties.Client toClient(String secret) {
        return new OidcProperties.Client(clientId, secret, name, redirectUris, postLogoutRedirectUris, scopes, idTokenSigningAlgorithm);
    }

    private static void uris(String field, List<String> uris, List<Problem> problems) {
        for (String uri : uris) {
            if (!acceptable(uri)) {
                problems.add(new Problem(field, Kind.URI_INVALID, uri));
            }
        }
        if (String.join(",", uris).length() > MAX_URIS) {
            problems.add(new Problem(field, Kind.TOO_LONG, null));
        }
    }

    /**
     * An absolute {@code http}/{@code https} URL with a host and no fragment (RFC 6749 3.1.2), no user
     * info, printable ASCII only, no comma (the stored lists are comma-separated).
     */
    private static boolean acceptable(String uri) {
        if (uri.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == ',' || c == '#')) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            return ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    && parsed.getHost() != null && !parsed.getHost().isEmpty()
                    && parsed.getRawUserInfo() == null && parsed.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> cleaned(List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            // A JSON null in a list is refused as the text "null" rather than skipped silently.
            String text = value == null ? "null" : value.strip();
            if (!text.isEmpty()) {
                kept.add(text);
            }
        }
        return List.copyOf(kept);
    }
}
