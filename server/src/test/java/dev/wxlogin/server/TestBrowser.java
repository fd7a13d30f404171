package dev.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.oidc.OidcClients;
import dev.wxlogin.server.oidc.OidcProperties;

/**
 * A browser made of plain HTTP requests: its own cookies, no redirect followed, HTML asked for. It
 * signs in to the OpenID Connect provider by scanning, the phone's part played through the mini
 * program's endpoints. Cookies are kept per host, not per port, as a browser keeps them: service
 * instances on 127.0.0.1 all get the same cookies, as behind one load balancer.
 */
public final class TestBrowser {

    private static final Pattern TICKET = Pattern.compile("data-ticket=\"([A-Za-z0-9_-]{22})\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String userAgent;

    /** A browser with Java's own user agent. */
    public TestBrowser() {
        this(null);
    }

    /** A browser that sends {@code userAgent} with every request. */
    public TestBrowser(String userAgent) {
        this.userAgent = userAgent;
    }

    /** GET of an absolute URL. */
    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
    }

    /** POST of a url-encoded form to an absolute URL. */
    public HttpResponse<String> post(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Goes where a redirect says (its {@code Location}, resolved against the URL that answered it). */
    public HttpResponse<String> follow(HttpResponse<String> redirect) {
        return get(redirect.uri().resolve(location(redirect)).toString());
    }

    /** The cookie of that name this browser holds, if any. */
    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /**
     * Loads the scan page of the service at {@code service} ({@code http://host:port}), has {@code user}
     * scan and approve its code through {@code phoneSide} (any instance), and completes the sign-in.
     *
     * @return the completion's answer: 303 to the authorization request the page was shown for
     */
    public HttpResponse<String> scanAndApprove(String service, HttpTestClient phoneSide, LoggedIn user) {
        String ticket = scanPageTicket(service);
        assertThat(phoneSide.postJson("/api/v1/web-login/" + ticket + "/scan", Map.of(), user.accessToken()).status())
                .isEqualTo(200);
        return approveAndComplete(service, phoneSide, user, ticket);
    }

    /** Loads the scan page (for the authorization request this browser was sent there with): its ticket. */
    public String scanPageTicket(String service) {
        HttpResponse<String> page = get(service + "/login/scan");
        Matcher ticket = TICKET.matcher(page.body());
        assertThat(ticket.find()).as(page.body()).isTrue();
        return ticket.group(1);
    }

    /** The phone approves the scanned {@code ticket}, and this browser completes the sign-in: 303 back to the request. */
    public HttpResponse<String> approveAndComplete(String service, HttpTestClient phoneSide, LoggedIn user, String ticket) {
        assertThat(phoneSide.postJson("/api/v1/web-login/" + ticket + "/confirm", Map.of("approve", true),
                user.accessToken()).status()).isEqualTo(200);
        HttpResponse<String> complete = get(service + "/login/scan/" + ticket + "/complete");
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(303);
        return complete;
    }

    /** The redirect URI of {@link #registerWebsite}'s websites (nothing listens there: tests read the redirect). */
    public static final String WEBSITE_REDIRECT = "http://127.0.0.1:9/site-callback";

    /** Registers a confidential website {@code clientId} for openid, as the console would. */
    public static void registerWebsite(OidcClients clients, String clientId) {
        clients.save(new OidcProperties.Client(clientId, clientId + "-secret-of-some-length", clientId, List.of(WEBSITE_REDIRECT),
                List.of(), List.of("openid"), "RS256"));
    }

    /** The authorization request of a website registered by {@link #registerWebsite}, for openid. */
    public static String authorizeUrl(String service, String clientId) {
        return service + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=openid&state=s&nonce=n&redirect_uri="
                + URLEncoder.encode(WEBSITE_REDIRECT, StandardCharsets.UTF_8);
    }

    /** The {@code Location} of a redirect. */
    public static String location(HttpResponse<String> redirect) {
        return redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no redirect: " + redirect.statusCode() + " " + redirect.body()));
    }

    /** The decoded query parameters of a URL. */
    public static Map<String, String> query(String url) {
        String raw = URI.create(url).getRawQuery();
        return raw == null ? Map.of() : Arrays.stream(raw.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
