package dev.wxlogin.server.weblogin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.user.AccountErasure;

/**
 * What a user has given on the web: the browsers signed in by a scan, and the websites connected
 * (the consent approved on the phone, with the authorizations holding the website's tokens). Each
 * can be listed and ended, and all of them end with "log out everywhere". Everything is in the
 * database, so an ended grant is refused by every instance at once: a website's refresh token at the
 * token endpoint, its access token at userinfo and introspection (both look the token up in its
 * authorization). Its access token still verifies by signature until it expires.
 */
public class WebGrants implements AccountErasure {

    /**
     * A browser signed in by a scan.
     *
     * @param id            the sign-in's id, to end it
     * @param browser       browser and major version from its user agent
     * @param os            its operating system
     * @param clientAddress the address it signed in from
     * @param signedInAt    when the scan was completed
     * @param lastUsedAt    when it last signed in to a website
     * @param expiresAt     when it ends by itself
     */
    public record BrowserSignIn(String id, String browser, String os, String clientAddress, Instant signedInAt, Instant lastUsedAt,
                                Instant expiresAt) {
    }

    /**
     * A website the user approved on the phone.
     *
     * @param clientId its client_id, to disconnect it
     * @param name     its registered name
     * @param scopes   what the user approved for it
     * @param since    when the user first approved it ({@code null} for an approval older than this record)
     */
    public record ConnectedWebsite(String clientId, String name, List<String> scopes, Instant since) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WebSignIns signIns;
    private final RegisteredClientRepository clients;
    private final Clock clock;

    WebGrants(JdbcClient jdbc, TransactionTemplate transactions, WebSignIns signIns, RegisteredClientRepository clients, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signIns = signIns;
        this.clients = clients;
        this.clock = clock;
    }

    /** The user's browser sign-ins that have not ended, newest first. */
    public List<BrowserSignIn> signInsOf(long userId) {
        return signIns.activeOf(userId, clock.instant()).stream().map(signIn -> {
            UserAgentNames.Named agent = UserAgentNames.of(signIn.origin().userAgent());
            return new BrowserSignIn(signIn.id(), agent.browser(), agent.os(), signIn.origin().clientAddress(), signIn.signedInAt(),
                    signIn.lastUsedAt(), signIn.expiresAt());
        }).toList();
    }

    /** The websites the user has connected, by client_id. */
    public List<ConnectedWebsite> websitesOf(long userId) {
        return jdbc.sql("""
                        SELECT c.client_id, c.client_name, a.authorities, a.granted_at
                        FROM oauth2_authorization_consent a JOIN oauth2_registered_client c ON c.id = a.registered_client_id
                        WHERE a.principal_name = ? ORDER BY c.client_id""")
                .param(Long.toString(userId))
                .query((rs, row) -> {
                    Timestamp since = rs.getTimestamp("granted_at");
                    return new ConnectedWebsite(rs.getString("client_id"), rs.getString("client_name"),
                            Arrays.stream(rs.getString("authorities").split(",")).map(String::strip)
                                    .filter(a -> a.startsWith("SCOPE_")).map(a -> a.substring("SCOPE_".length())).toList(),
                            since == null ? null : since.toInstant());
                })
                .list();
    }

    /**
     * Ends one browser sign-in of the user: that browser needs a new scan for every website.
     *
     * @return whether the user had it
     */
    public boolean endSignIn(long userId, String id) {
        return signIns.deleteOf(userId, id);
    }

    /**
     * Disconnects a website: its tokens for the user stop (refresh at once, access tokens at userinfo
     * and introspection at once), the consent goes, and no browser of the user signs in to it again
     * without an approval on the phone.
     *
     * @return whether the user had connected it
     */
    public boolean disconnect(long userId, String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            return false;
        }
        String principal = Long.toString(userId);
        Integer ended = transactions.execute(status -> {
            int authorizations = jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = ? AND principal_name = ?")
                    .params(client.getId(), principal).update();
            int consents = jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ? AND principal_name = ?")
                    .params(client.getId(), principal).update();
            signIns.withdrawApprovals(userId, clientId);
            return authorizations + consents;
        });
        return Optional.ofNullable(ended).orElse(0) > 0;
    }

    /**
     * Ends everything the user gave on the web: every browser sign-in, every website's tokens and consent.
     *
     * @return how many browser sign-ins there were
     */
    public int endAll(long userId) {
        String principal = Long.toString(userId);
        Integer ended = transactions.execute(status -> {
            int browsers = signIns.deleteAllOf(userId);
            jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(principal).update();
            jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?").param(principal).update();
            return browsers;
        });
        return Optional.ofNullable(ended).orElse(0);
    }

    /** Ends everything the user gave on the web, for an account deletion: the websites' tokens die with the authorizations. */
    @Override
    public void erase(long userId) {
        endAll(userId);
    }
}
