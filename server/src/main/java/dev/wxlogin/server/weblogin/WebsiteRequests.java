package dev.wxlogin.server.weblogin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import dev.wxlogin.server.oidc.BrowserPages;

/**
 * The authorization request a browser brings to the scan page, checked again as the authorization
 * endpoint checks it. The request comes from a cookie the browser holds, so an attacker writes
 * whatever they like into it; a ticket, and what the phone shows of the website, come only from a
 * request that names a registered website exactly as it is registered.
 */
final class WebsiteRequests {

    /** The outcome: the request, or what the browser's page says is wrong with it. */
    record Checked(WebsiteRequest request, BrowserPages.Message problem) {
    }

    private final RegisteredClientRepository clients;

    WebsiteRequests(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    /** The checks of the authorization endpoint on the saved request's URL ({@code null}: none saved). */
    Checked check(String savedUrl) {
        if (savedUrl == null) {
            return refused("没有要登录的网站", "No website to sign in to",
                    "请从要登录的网站开始登录，不要直接打开此页面。", "Start signing in from the website you want to use; this page cannot be opened on its own.");
        }
        MultiValueMap<String, String> query;
        try {
            query = UriComponentsBuilder.fromUriString(savedUrl).build().getQueryParams();
        } catch (IllegalArgumentException e) {
            return invalidRequest("the request cannot be read");
        }
        String clientId = single(query, "client_id");
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        if (client == null) {
            return refused("未登记的网站", "Unregistered website",
                    "请求登录的网站未在本服务登记，无法为它登录。请不要扫描来源不明的登录码。",
                    "The website asking you to sign in is not registered with this service, so you cannot sign in to it. "
                            + "Do not scan sign-in codes from sources you do not trust.");
        }
        String redirectUri = single(query, "redirect_uri");
        String scope = single(query, "scope");
        List<String> scopes = scope == null ? List.of() : Arrays.stream(scope.split(" ")).filter(s -> !s.isEmpty()).toList();
        if (redirectUri == null || !client.getRedirectUris().contains(redirectUri)) {
            return refused("回调地址未登记", "Unregistered redirect URI",
                    "该网站请求把你送往一个未登记的地址，登录已停止。", "The website asked to send you to an address it has not registered; signing in stopped.");
        }
        if (!"code".equals(single(query, "response_type"))) {
            return invalidRequest("response_type must be code");
        }
        if (!client.getScopes().containsAll(scopes)) {
            return invalidRequest("it asks for scopes the website is not registered for");
        }
        String challenge = single(query, "code_challenge");
        boolean isPublic = client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                || client.getClientSettings().isRequireProofKey();
        if (isPublic && challenge == null || challenge != null && !"S256".equals(single(query, "code_challenge_method"))) {
            return invalidRequest("PKCE (code_challenge with S256) is missing or not S256");
        }
        return new Checked(new WebsiteRequest(clientId, redirectUri, scopes), null);
    }

    private static Checked invalidRequest(String why) {
        return refused("无效的登录请求", "Invalid sign-in request",
                "网站发来的登录请求无效（" + why + "），登录已停止。请回到网站重试。",
                "The website's sign-in request is invalid (" + why + "); signing in stopped. Go back to the website and try again.");
    }

    private static Checked refused(String titleZh, String titleEn, String textZh, String textEn) {
        return new Checked(null, new BrowserPages.Message(titleZh, titleEn, textZh, textEn));
    }

    /** The parameter's one value, decoded; {@code null} when absent, empty or repeated (the endpoint refuses repeats). */
    private static String single(MultiValueMap<String, String> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.size() != 1 || values.get(0) == null || values.get(0).isEmpty()) {
            return null;
        }
        return URLDecoder.decode(values.get(0), StandardCharsets.UTF_8);
    }
}
