package dev.wxlogin.server.oidc;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID Connect provider ({@code wxlogin.oidc.*}).
 *
 * @param clients         websites allowed to sign users in, created (or updated) at start-up
 * @param idTokenTtl      lifetime of ID tokens and of the access tokens websites get
 * @param refreshTokenTtl lifetime of the refresh tokens websites get
 */
@ConfigurationProperties("wxlogin.oidc")
public record OidcProperties(@DefaultValue List<Client> clients,
                             @DefaultValue("5m") Duration idTokenTtl,
                             @DefaultValue("8h") Duration refreshTokenTtl) {

    /**
     * One website ({@code wxlogin.oidc.clients[i].*}).
     *
     * @param clientId               its client_id
     * @param secret                 its client secret; empty for a public client (a single-page app), which must use PKCE
     * @param name                   what the confirm page in the mini program shows
     * @param redirectUris           where codes may be sent, exactly
     * @param postLogoutRedirectUris where RP-initiated logout may return to
     * @param scopes                 what it may ask for: {@code openid} and any of {@code profile}, {@code unionid}
     * @param idTokenSigningAlgorithm how its ID tokens are signed: {@code RS256} (what every OIDC client
     *                               verifies by default) or {@code ES256}
     */
    public record Client(String clientId, String secret, String name, @DefaultValue List<String> redirectUris,
                         @DefaultValue List<String> postLogoutRedirectUris, @DefaultValue({"openid", "profile"}) List<String> scopes,
                         @DefaultValue("RS256") String idTokenSigningAlgorithm) {
    }
}
