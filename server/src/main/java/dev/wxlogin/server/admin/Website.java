package dev.wxlogin.server.admin;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import dev.wxlogin.server.oidc.OidcClients;
import dev.wxlogin.server.oidc.OidcScopes;

/**
 * A registered website (an OpenID Connect client) as the admin API and console show it: never its
 * secret, which is shown once, when it is generated.
 *
 * @param clientId               its client_id
 * @param name                   what the mini program's confirm page shows
 * @param confidential           whether it authenticates with a secret (otherwise: public, PKCE required)
 * @param redirectUris           where codes may be sent, exactly as registered
 * @param postLogoutRedirectUris where RP-initiated logout may return to
 * @param scopes                 what it may ask for, in the order the discovery document lists them
 * @param idTokenSigningAlgorithm how its ID tokens are signed: {@code RS256} or {@code ES256}
 * @param configured             whether it is one of {@code wxlogin.oidc.clients}: saved again from the
 *                               configuration at every start, so the console and the API leave it alone
 */
public record Website(String clientId, String name, boolean confidential, List<String> redirectUris,
                      List<String> postLogoutRedirectUris, List<String> scopes, String idTokenSigningAlgorithm, boolean configured) {

    /** From what the provider holds: {@code registered} only for what {@code client} does not show (never its secret's hash). */
    static Website of(OidcClients.ClientView client, RegisteredClient registered, boolean configured) {
        List<String> supported = OidcScopes.supported();
        return new Website(client.clientId(), client.name(), client.confidential(), sorted(client.redirectUris()),
                sorted(registered.getPostLogoutRedirectUris()),
                client.scopes().stream().sorted(Comparator.comparingInt(scope -> supported.indexOf(scope))).toList(),
                registered.getTokenSettings().getIdTokenSignatureAlgorithm().getName(), configured);
    }

    private static List<String> sorted(Collection<String> uris) {
        return uris.stream().sorted().toList();
    }
}
