package dev.wxlogin.server.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.oidc.OidcClients;

/**
 * Websites (OpenID Connect clients) as admins register them, for the console and the admin API alike.
 * A confidential website's secret is generated here, returned once and stored only as its hash. A
 * website of {@code wxlogin.oidc.clients} is saved again from the configuration at every start, which
 * would silently undo a change made here: it is refused ({@code ADMIN_WEBSITE_CONFIGURED}). Every
 * change, and every refusal but a form's mistakes, is audited with the admin and the client_id; never
 * with the secret.
 */
@Service
public class AdminWebsites {

    /** 256 random bits, as admin API keys have. */
    private static final int SECRET_BYTES = 32;

    /**
     * A website just saved, with its secret when one was generated: the only time the secret exists
     * outside the website's own configuration.
     *
     * @param website      as saved
     * @param created      whether it is new (otherwise it replaced the registration of the same client_id)
     * @param clientSecret the secret generated now, or {@code null}: a public website, or a confidential
     *                     one that keeps the secret it had
     */
    public record Saved(Website website, boolean created, String clientSecret) {

        @Override
        public String toString() {
            return "Saved[clientId=" + website.clientId() + ", created=" + created + "]";
        }
    }

    /** Whether a save may create, replace, or either. */
    private enum Mode { CREATE, REPLACE, CREATE_OR_REPLACE }

    private final OidcClients clients;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    AdminWebsites(OidcClients clients, TransactionTemplate transactions, AuditLog audit) {
        this.clients = clients;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Every registered website, by client_id. */
    public List<Website> list() {
        return clients.list().stream().map(this::website).toList();
    }

    /** The website with this client_id, if registered. */
    public Optional<Website> find(String clientId) {
        return clients.find(clientId).map(this::website);
    }

    /**
     * Registers a new website; a confidential one gets a generated secret.
     *
     * @throws InvalidWebsiteException what is wrong with it, an existing client_id included
     * @throws ApiException            {@code ADMIN_WEBSITE_CONFIGURED}
     */
    public Saved create(WebsiteRegistration registration, AdminActor admin) {
        return save(registration, Mode.CREATE, admin);
    }

    /**
     * Changes a registered website. A confidential website keeps its secret; one made confidential
     * gets a generated secret; one made public loses its secret.
     *
     * @throws InvalidWebsiteException what is wrong with it
     * @throws ApiException            {@code ADMIN_NOT_FOUND}, {@code ADMIN_WEBSITE_CONFIGURED}
     */
    public Saved update(WebsiteRegistration registration, AdminActor admin) {
        return save(registration, Mode.REPLACE, admin);
    }

    /**
     * Registers the website, or changes the one with its client_id (as {@link #update} does).
     *
     * @throws InvalidWebsiteException what is wrong with it
     * @throws ApiException            {@code ADMIN_WEBSITE_CONFIGURED}
     */
    public Saved createOrReplace(WebsiteRegistration registration, AdminActor admin) {
        return save(registration, Mode.CREATE_OR_REPLACE, admin);
    }

    /**
     * Gives a confidential website a new secret: the old one stops working at once.
     *
     * @throws ApiException {@code ADMIN_NOT_FOUND}, {@code ADMIN_WEBSITE_CONFIGURED}, {@code ADMIN_WEBSITE_PUBLIC}
     */
    public Saved newSecret(String clientId, AdminActor admin) {
        Website website = existing(clientId, AuditEventType.ADMIN_WEBSITE_SECRET_RENEW, admin);
        if (!website.confidential()) {
            throw refused(AuditEventType.ADMIN_WEBSITE_SECRET_RENEW, ApiError.ADMIN_WEBSITE_PUBLIC, admin, clientId);
        }
        String secret = newSecret();
        if (!clients.replaceSecret(clientId, secret)) {
            throw refused(AuditEventType.ADMIN_WEBSITE_SECRET_RENEW, ApiError.ADMIN_NOT_FOUND, admin, clientId);
        }
        audit.record(AuditEvent.byAdminOnWebsite(admin, AuditEventType.ADMIN_WEBSITE_SECRET_RENEW, AuditEvent.OK, clientId));
        return new Saved(website, false, secret);
    }

    /**
     * Deletes the website with its authorizations (its tokens stop working) and the consents users gave it.
     *
     * @throws ApiException {@code ADMIN_NOT_FOUND}, {@code ADMIN_WEBSITE_CONFIGURED}
     */
    public void delete(String clientId, AdminActor admin) {
        existing(clientId, AuditEventType.ADMIN_WEBSITE_DELETE, admin);
        if (!Boolean.TRUE.equals(transactions.execute(status -> clients.delete(clientId)))) {
            throw refused(AuditEventType.ADMIN_WEBSITE_DELETE, ApiError.ADMIN_NOT_FOUND, admin, clientId);
        }
        audit.record(AuditEvent.byAdminOnWebsite(admin, AuditEventType.ADMIN_WEBSITE_DELETE, AuditEvent.OK, clientId));
    }

    private Saved save(WebsiteRegistration registration, Mode mode, AdminActor admin) {
        List<WebsiteRegistration.Problem> problems = registration.problems();
        if (!problems.isEmpty()) {
            throw new InvalidWebsiteException(problems);
        }
        String clientId = registration.clientId();
        Optional<Website> before = find(clientId);
        AuditEventType type = before.isPresent() ? AuditEventType.ADMIN_WEBSITE_UPDATE : AuditEventType.ADMIN_WEBSITE_CREATE;
        if (mode == Mode.CREATE && before.isPresent()) {
            throw taken(clientId);
        }
        if (clients.configured(clientId)) {
            throw refused(type, ApiError.ADMIN_WEBSITE_CONFIGURED, admin, clientId);
        }
        if (mode == Mode.REPLACE && before.isEmpty()) {
            throw refused(type, ApiError.ADMIN_NOT_FOUND, admin, clientId);
        }
        boolean keepsSecret = registration.confidential() && before.map(Website::confidential).orElse(false);
        String secret = registration.confidential() && !keepsSecret ? newSecret() : null;
        try {
            transactions.executeWithoutResult(status -> {
                if (keepsSecret) {
                    clients.saveKeepingSecret(registration.toClient(null));
                } else {
                    clients.save(registration.toClient(secret));
                }
            });
        } catch (DataIntegrityViolationException e) {
            // Another admin registered the same client_id between our look and our insert.
            throw taken(clientId);
        }
        audit.record(AuditEvent.byAdminOnWebsite(admin, type, AuditEvent.OK, clientId));
        return new Saved(find(clientId).orElseThrow(), before.isEmpty(), secret);
    }

    private Website existing(String clientId, AuditEventType type, AdminActor admin) {
        Website website = find(clientId).orElseThrow(() -> refused(type, ApiError.ADMIN_NOT_FOUND, admin, clientId));
        if (website.configured()) {
            throw refused(type, ApiError.ADMIN_WEBSITE_CONFIGURED, admin, clientId);
        }
        return website;
    }

    private ApiException refused(AuditEventType type, ApiError error, AdminActor admin, String clientId) {
        audit.record(AuditEvent.byAdminOnWebsite(admin, type, error.name(), cut(clientId)));
        return new ApiException(error);
    }

    private static InvalidWebsiteException taken(String clientId) {
        return new InvalidWebsiteException(List.of(new WebsiteRegistration.Problem("clientId", WebsiteRegistration.Kind.CLIENT_ID_TAKEN,
                clientId)));
    }

    private String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private Website website(OidcClients.ClientView client) {
        return Website.of(client, clients.registered(client.clientId()).orElseThrow(), clients.configured(client.clientId()));
    }

    /** The audit column holds 100 characters; a client_id from a URL path may be longer. */
    private static String cut(String clientId) {
        return clientId.length() > 100 ? clientId.substring(0, 100) : clientId;
    }
}
