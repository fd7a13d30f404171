package dev.wxlogin.server.weblogin;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The provider's consent page, for a browser already signed in whose website now asks for more than
 * the user approved on the phone (say {@code profile} after {@code openid}). Our own page rather than
 * the provider's default one, which loads its stylesheet from a CDN, runs inline script (our CSP
 * forbids both) and names the user by number. Two plain forms post to {@code /oauth2/authorize}: allow
 * the new scopes, or go on with only what was granted before.
 */
@Controller
@Hidden
class ConsentPageController {

    /** Where the provider sends a browser whose consent is missing (with client_id, scope and state). */
    static final String PATH = "/login/consent";

    /** What each scope releases, in the user's words. */
    private static final Map<String, String> SCOPE_MEANINGS = Map.of(
            "profile", "Your nickname and avatar",
            "unionid", "Your WeChat unionid: who you are across this company's apps and accounts");

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    ConsentPageController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = clients;
        this.consents = consents;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> consent(@RequestParam(name = "client_id", required = false) String clientId,
                                   @RequestParam(name = "scope", required = false) String scope,
                                   @RequestParam(name = "state", required = false) String state,
                                   Authentication signedIn) {
        if (signedIn == null || !signedIn.isAuthenticated()) {
            return page(HttpStatus.UNAUTHORIZED, ScanPageController.ScanPages.message("Not signed in",
                    "This page belongs to a sign-in that has ended. Go back to the website and sign in again."));
        }
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        if (client == null || scope == null || state == null) {
            return page(HttpStatus.BAD_REQUEST, ScanPageController.ScanPages.message("Unknown request",
                    "This consent request is incomplete or names an unknown website. Go back to the website and try again."));
        }
        OAuth2AuthorizationConsent granted = consents.findById(client.getId(), signedIn.getName());
        Set<String> before = granted == null ? Set.of() : granted.getScopes();
        Set<String> asked = new LinkedHashSet<>();
        for (String requested : Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).toList()) {
            if (!OidcScopes.OPENID.equals(requested) && !before.contains(requested) && client.getScopes().contains(requested)) {
                asked.add(requested);
            }
        }
        return page(HttpStatus.OK, html(client.getClientName(), client.getClientId(), state, asked));
    }

    private static String html(String clientName, String clientId, String state, Set<String> asked) {
        String name = HtmlUtils.htmlEscape(clientName);
        StringBuilder page = new StringBuilder(ScanPageController.ScanPages.head("Allow " + clientName + "?"))
                .append("<body>\n<main>\n<h1>Allow ").append(name).append("?</h1>\n")
                .append("<p id=\"message\">").append(name).append(" asks for more than you allowed before:</p>\n<ul id=\"scopes\">\n");
        for (String scope : asked) {
            page.append("<li data-scope=\"").append(HtmlUtils.htmlEscape(scope)).append("\">")
                    .append(HtmlUtils.htmlEscape(SCOPE_MEANINGS.getOrDefault(scope, scope))).append("</li>\n");
        }
        page.append("</ul>\n");
        page.append(form("allow", clientId, state, asked, "Allow"));
        page.append(form("decline", clientId, state, Set.of(), "Not now (continue with what you allowed before)"));
        return page.append("</main>\n</body>\n</html>\n").toString();
    }

    /** A consent form as the provider reads it: client_id, state and each allowed scope. */
    private static String form(String id, String clientId, String state, Set<String> scopes, String button) {
        StringBuilder form = new StringBuilder("<form id=\"").append(id).append("\" method=\"post\" action=\"/oauth2/authorize\">\n")
                .append(hidden("client_id", clientId)).append(hidden("state", state));
        scopes.forEach(scope -> form.append(hidden("scope", scope)));
        return form.append("<button type=\"submit\">").append(HtmlUtils.htmlEscape(button)).append("</button>\n</form>\n").toString();
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + HtmlUtils.htmlEscape(value) + "\">\n";
    }

    private static ResponseEntity<String> page(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore()).body(body);
    }
}
