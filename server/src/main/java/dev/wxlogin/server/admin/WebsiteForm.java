package dev.wxlogin.server.admin;

import java.util.Arrays;
import java.util.List;

import dev.wxlogin.server.oidc.OidcScopes;

/**
 * The console's website form as typed: URIs one per line, scopes as checkboxes. Kept as typed when
 * the form comes back with its problems.
 *
 * @param clientId               the client_id (only when registering; an existing website's is in the path)
 * @param name                   what the confirm page shows
 * @param redirectUris           one per line
 * @param postLogoutRedirectUris one per line
 * @param scopes                 the scopes checked
 * @param confidential           whether the website gets a secret; {@code null} (not sent): yes
 * @param idTokenSigningAlgorithm how its ID tokens are signed; {@code null} (not sent): the default
 */
record WebsiteForm(String clientId, String name, String redirectUris, String postLogoutRedirectUris, List<String> scopes,
                   Boolean confidential, String idTokenSigningAlgorithm) {

    WebsiteForm {
        clientId = clientId == null ? "" : clientId;
        name = name == null ? "" : name;
        redirectUris = redirectUris == null ? "" : redirectUris;
        postLogoutRedirectUris = postLogoutRedirectUris == null ? "" : postLogoutRedirectUris;
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        confidential = confidential == null || confidential;
        idTokenSigningAlgorithm = idTokenSigningAlgorithm == null ? WebsiteRegistration.ID_TOKEN_ALGORITHMS.get(0) : idTokenSigningAlgorithm;
    }

    /** An empty form: a confidential website asking for openid and profile, the configuration's default. */
    static WebsiteForm blank() {
        return new WebsiteForm("", "", "", "", List.of(OidcScopes.OPENID, OidcScopes.PROFILE), true, null);
    }

    /** The form for changing {@code website}. */
    static WebsiteForm of(Website website) {
        return new WebsiteForm(website.clientId(), website.name(), String.join("\n", website.redirectUris()),
                String.join("\n", website.postLogoutRedirectUris()), website.scopes(), website.confidential(),
                website.idTokenSigningAlgorithm());
    }

    /** The registration the form asks for, for the website {@code clientId}. */
    WebsiteRegistration registration(String clientId) {
        return new WebsiteRegistration(clientId, name, lines(redirectUris), lines(postLogoutRedirectUris), scopes, confidential,
                idTokenSigningAlgorithm);
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\\R"));
    }
}
