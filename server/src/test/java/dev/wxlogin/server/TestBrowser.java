package dev.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.wxlogin.server.TestLogins.LoggedIn;

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
        HttpResponse<String> page = get(service + "/login/scan");
        Matcher ticket = TICKET.matcher(page.body());
        assertThat(ticket.find()).as(page.body()).isTrue();
        assertThat(phoneSide.postJson("/api/v1/web-login/" + ticket.group(1) + "/scan", Map.of(), user.accessToken()).status())
                .isEqualTo(200);
        assertThat(phoneSide.postJson("/api/v1/web-login/" + ticket.group(1) + "/confirm", Map.of("approve", true),
                user.accessToken()).status()).isEqualTo(200);
        HttpResponse<String> complete = get(service + "/login/scan/" + ticket.group(1) + "/complete");
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(303);
        return complete;
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
