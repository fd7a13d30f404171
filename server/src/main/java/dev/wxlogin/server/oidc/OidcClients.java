package dev.wxlogin.server.oidc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import dev.wxlogin.server.user.ProfileRules;

/**
 * The websites registered with the OpenID Connect provider, kept in the database: created from
 * configuration at start-up, and by the admin console.
 */
public class OidcClients {

    /**
     * A website as the admin console lists it (never its secret).
     *
     * @param clientId     its client_id
     * @param name         what the mini program's confirm page shows
     * @param confidential whether it authenticates with a secret (otherwise: public, PKCE required)
     * @param redirectUris where codes may be sent
     * @param scopes       what it may ask for
     */
    public record ClientView(String clientId, String name, boolean confidential, List<String> redirectUris, List<String> scopes) {
    }

    /** The longest website name, as the admin console allows it. */
    private static final int MAX_NAME = 100;

    private final RegisteredClientRepository repository;
    private final JdbcClient jdbc;
    private final PasswordEncoder secrets;
    private final OidcProperties properties;

    OidcClients(RegisteredClientRepository repository, JdbcClient jdbc, PasswordEncoder secrets, OidcProperties properties) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.properties = properties;
    }

    /**
     * Creates the client, or replaces the one with the same client_id (its secret, URIs and scopes).
     *
     * @throws IllegalArgumentException no client_id, a name with control or bidi characters, no redirect URI, a scope we do not offer, no openid scope,
     *                                  or an ID-token algorithm other than RS256 and ES256
     */
    public ClientView save(OidcProperties.Client client) {
        if (client.clientId() == null || client.clientId().isBlank() || client.clientId().length() > 100) {
            throw new IllegalArgumentException("an OIDC client needs a client-id of 1 to 100 characters");
        }
        if (client.name() != null && (client.name().strip().length() > MAX_NAME || !ProfileRules.isShowableText(client.name()))) {
            // The phone shows it as the website that asks: no control or bidi characters to disguise it.
            throw new IllegalArgumentException("OIDC client " + client.clientId() + " needs a name of at most " + MAX_NAME
                    + " characters without control characters or bidirectional controls");
        }
        if (client.redirectUris().isEmpty()) {
            throw new IllegalArgumentException("OIDC client " + client.clientId() + " needs at least one redirect-uri");
        }
        if (!client.scopes().contains(OidcScopes.OPENID)) {
            throw new IllegalArgumentException("OIDC client " + client.clientId() + " must have the openid scope");
        }
        for (String scope : client.scopes()) {
            if (!OidcScopes.supported().contains(scope)) {
                throw new IllegalArgumentException("OIDC client " + client.clientId() + " asks for unknown scope " + scope
                        + "; supported: " + OidcScopes.supported());
            }
        }
        SignatureAlgorithm idTokenAlgorithm = SignatureAlgorithm.from(client.idTokenSigningAlgorithm());
        if (idTokenAlgorithm != SignatureAlgorithm.RS256 && idTokenAlgorithm != SignatureAlgorithm.ES256) {
            throw new IllegalArgumentException("OIDC client " + client.clientId() + " asks for ID tokens signed with "
                    + client.idTokenSigningAlgorithm() + "; supported: RS256, ES256");
        }
        boolean confidential = client.secret() != null && !client.secret().isBlank();
        String id = Optional.ofNullable(repository.findByClientId(client.clientId())).map(RegisteredClient::getId)
                .orElse(UUID.randomUUID().toString());
        RegisteredClient.Builder builder = RegisteredClient.withId(id)
                .clientId(client.clientId())
                .clientName(client.name() == null || client.name().isBlank() ? client.clientId() : client.name())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(client.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(client.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(!confidential)
                        .requireAuthorizationConsent(true)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.idTokenTtl())
                        .idTokenSignatureAlgorithm(idTokenAlgorithm)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        .reuseRefreshTokens(false)
                        .build());
        if (confidential) {
            builder.clientSecret(secrets.encode(client.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        RegisteredClient registered = builder.build();
        repository.save(registered);
        return view(registered);
    }

    /** The client with this client_id, if registered. */
    public Optional<ClientView> find(String clientId) {
        return Optional.ofNullable(repository.findByClientId(clientId)).map(OidcClients::view);
    }

    /** Every registered client, by client_id. */
    public List<ClientView> list() {
        List<ClientView> views = new ArrayList<>();
        for (String clientId : jdbc.sql("SELECT client_id FROM oauth2_registered_client ORDER BY client_id").query(String.class).list()) {
            find(clientId).ifPresent(views::add);
        }
        return views;
    }

    /**
     * Whether the client is one of {@code wxlogin.oidc.clients}: saved again from the configuration at
     * every start, which would undo a change made anywhere else.
     */
    public boolean configured(String clientId) {
        return properties.clients().stream().anyMatch(client -> client.clientId() != null && client.clientId().equals(clientId));
    }

    /**
     * Saves the client as {@link #save} does but keeps the secret it has now (its stored hash): changing
     * a confidential website's URIs or scopes must not break its running configuration. It is written
     * twice, so call it in a transaction.
     *
     * @throws IllegalArgumentException as {@link #save}; or the client is not registered or has no secret
     */
    public ClientView saveKeepingSecret(OidcProperties.Client client) {
        RegisteredClient before = repository.findByClientId(client.clientId());
        if (before == null || before.getClientSecret() == null) {
            throw new IllegalArgumentException("OIDC client " + client.clientId() + " has no secret to keep");
        }
        // Through save, so that it is registered exactly as every other client is: a random secret
        // stands in (save needs one to make it confidential) until the kept hash replaces it.
        save(new OidcProperties.Client(client.clientId(), UUID.randomUUID().toString(), client.name(), client.redirectUris(),
                client.postLogoutRedirectUris(), client.scopes(), client.idTokenSigningAlgorithm()));
        RegisteredClient saved = repository.findByClientId(client.clientId());
        repository.save(RegisteredClient.from(saved).clientSecret(before.getClientSecret()).build());
        return view(saved);
    }

    /**
     * Replaces the secret of a confidential client; only its hash is stored.
     *
     * @return false when there is no such client, or it is public (it has no secret)
     */
    public boolean replaceSecret(String clientId, String secret) {
        RegisteredClient client = repository.findByClientId(clientId);
        if (client == null || client.getClientSecret() == null) {
            return false;
        }
        repository.save(RegisteredClient.from(client).clientSecret(secrets.encode(secret)).build());
        return true;
    }

    /**
     * The client as the provider holds it, for what {@link ClientView} does not show (post-logout
     * URIs, token settings). Its secret in there is the stored hash: never show it either.
     */
    public Optional<RegisteredClient> registered(String clientId) {
        return Optional.ofNullable(repository.findByClientId(clientId));
    }

    /**
     * Deletes the client with its authorizations (codes and the tokens issued to it, which stop working),
     * the consents users gave it and the approvals browsers' sign-ins hold for it. Several tables, so call it in a transaction.
     *
     * @return false when there is no such client
     */
    public boolean delete(String clientId) {
        RegisteredClient client = repository.findByClientId(clientId);
        if (client == null) {
            return false;
        }
        jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = ?").param(client.getId()).update();
        jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?").param(client.getId()).update();
        // And what browsers were approved for on the phone: a website registered again under this client_id starts afresh.
        jdbc.sql("DELETE FROM web_sign_in_approval WHERE client_id = ?").param(clientId).update();
        return jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = ?").param(client.getId()).update() == 1;
    }

    private static ClientView view(RegisteredClient client) {
        return new ClientView(client.getClientId(), client.getClientName(),
                !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE),
                List.copyOf(client.getRedirectUris()), List.copyOf(client.getScopes()));
    }
}
