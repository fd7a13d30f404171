package dev.wxlogin.server.admin;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.oidc.OidcScopes;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The admin API's websites (OpenID Connect clients), {@code /admin/api/v1/websites}; documented in
 * docs/console.md with the rest of the admin API.
 */
@Hidden
@RestController
@RequestMapping(path = "/admin/api/v1/websites", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminWebsitesApiController {

    private final AdminWebsites websites;

    AdminWebsitesApiController(AdminWebsites websites) {
        this.websites = websites;
    }

    /**
     * A website as the API takes it.
     *
     * @param clientId               its client_id
     * @param name                   what the confirm page shows; omitted: the client_id
     * @param redirectUris           where codes may be sent
     * @param postLogoutRedirectUris where RP-initiated logout may return to; omitted: none
     * @param scopes                 what it may ask for; omitted: openid and profile, as in the configuration
     * @param confidential           omitted or true: a website with a server, which gets a secret; false: a
     *                               single-page app (PKCE, no secret)
     * @param idTokenSigningAlgorithm {@code RS256} (omitted) or {@code ES256}
     */
    record WebsiteRequest(String clientId, String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
                          List<String> scopes, Boolean confidential, String idTokenSigningAlgorithm) {

        WebsiteRegistration registration() {
            return new WebsiteRegistration(clientId, name, redirectUris, postLogoutRedirectUris,
                    scopes == null ? List.of(OidcScopes.OPENID, OidcScopes.PROFILE) : scopes, confidential == null || confidential,
                    idTokenSigningAlgorithm);
        }
    }

    /** Every registered website, by client_id. */
    @GetMapping
    List<Website> list() {
        return websites.list();
    }

    /** One website. */
    @GetMapping("/{clientId}")
    Website one(@PathVariable String clientId) {
        return websites.find(clientId).orElseThrow(() -> new ApiException(ApiError.ADMIN_NOT_FOUND));
    }

    /** Registers the website, or replaces the one with its client_id: 201 when new, 200 when replaced. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AdminWebsites.Saved> save(@RequestBody WebsiteRequest request, AdminActor admin) {
        AdminWebsites.Saved saved = websites.createOrReplace(request.registration(), admin);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved);
    }

    /** Gives a confidential website a new secret, answered this once; the old one stops working. */
    @PostMapping("/{clientId}/secret")
    AdminWebsites.Saved newSecret(@PathVariable String clientId, AdminActor admin) {
        return websites.newSecret(clientId, admin);
    }

    /** Deletes the website, its authorizations and the consents given to it. */
    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String clientId, AdminActor admin) {
        websites.delete(clientId, admin);
    }
}
