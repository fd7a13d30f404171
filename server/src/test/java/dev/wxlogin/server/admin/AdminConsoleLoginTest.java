package dev.wxlogin.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.PlatformLogins;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.link.TestLinks;

/**
 * The console's login and pages as a browser uses them: usernames are normalized once for the
 * throttle and the login; one client network cannot lock an admin out; logout needs the CSRF token
 * whatever headers come; unknown ids are 404 pages. The service trusts {@code X-Forwarded-For} from
 * the loopback proxy here, so that each "browser" comes from a network of its own.
 */
@DatabaseMatrix
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"server.forward-headers-strategy=native", "wxlogin.admin.login-attempts=5"})
class AdminConsoleLoginTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    AdminAccounts accounts;
    @Autowired
    AdminApiKeys apiKeys;
    @Fixture String appid;

    @Test
    void oneNetworkGuessingAnAdminsPasswordLocksOutOnlyItselfNotTheAdminASecondAdminOrAnApiKey() throws Exception {
        String username = "locked-" + System.nanoTime();
        String second = "second-" + System.nanoTime();
        accounts.create(username, "the-right-password-1");
        accounts.create(second, "the-second-password-2");
        Console attacker = new Console("203.0.113.7");
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.logIn(username, "wrong-guess-" + i)).endsWith("/admin/login?error");
        }
        assertThat(attacker.logIn(username, "wrong-guess")).endsWith("/admin/login?throttled");
        assertThat(attacker.logIn(username, "the-right-password-1")).as("its own share is used up").endsWith("/admin/login?throttled");

        assertThat(new Console("198.51.100.20").logIn(username, "the-right-password-1")).endsWith("/admin");
        assertThat(new Console("203.0.113.7").logIn(second, "the-second-password-2")).endsWith("/admin");
        String key = apiKeys.create("lockout-test", "test").key();
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/admin/api/v1/users"))
                .header("X-Forwarded-For", "203.0.113.7").header(AdminApiKeyFilter.HEADER, key).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
    }

    @Test
    void aUsernameWithControlCharactersIsNoFreshBucketForTheSameAccount() throws Exception {
        String username = "nul-" + System.nanoTime();
        accounts.create(username, "the-right-password-3");
        Console attacker = new Console("192.0.2.44");
        for (int i = 0; i < 5; i++) {
            attacker.logIn(username, "wrong-guess-" + i);
        }

        for (String variant : new String[] {username + "\u0000", username + "\u0001", username + "\u0000\u0000", " " + username + "\t"}) {
            assertThat(attacker.logIn(variant, "the-right-password-3")).as(variant.replace("\u0000", "%00"))
                    .doesNotEndWith("/admin").contains("/admin/login?");
        }
        assertThat(new Console("192.0.2.45").logIn(" " + username + " ", "the-right-password-3")).endsWith("/admin");
    }

    @Test
    void logoutNeedsTheCsrfTokenWhateverAuthorizationHeaderComesWithTheCookie() throws Exception {
        Console admin = new Console("198.51.100.30");
        assertThat(admin.logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD)).endsWith("/admin");

        for (String authorization : new String[] {"Bearer anything", "Basic YTpi", "X"}) {
            HttpResponse<String> logout = admin.send(HttpRequest.newBuilder(URI.create(base() + "/admin/logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString("")));
            assertThat(logout.statusCode()).as(authorization).isEqualTo(403);
            assertThat(logout.body()).contains("ADMIN_CSRF_REJECTED");
        }
        assertThat(admin.get("/admin").statusCode()).as("still signed in").isEqualTo(200);
        HttpResponse<String> logout = admin.send(HttpRequest.newBuilder(URI.create(base() + "/admin/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + admin.csrf("/admin"))));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin").statusCode()).isEqualTo(302);
    }

    @Test
    void unknownIdsAre404PagesWithoutAStackTraceInTheLog(CapturedOutput log) throws Exception {
        Console admin = new Console("198.51.100.31");
        assertThat(admin.logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD)).endsWith("/admin");

        for (String path : new String[] {"/admin/users/987654321987", "/admin/users/not-a-number", "/admin/websites/no-such-website"}) {
            HttpResponse<String> page = admin.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("Not found").doesNotContain("Exception");
        }
        assertThat(log.getAll()).doesNotContain("ResponseStatusException").doesNotContain("MethodArgumentTypeMismatchException")
                .doesNotContain("\tat dev.wxlogin");
    }

    @Test
    void theUserPageListsTheAccountsLinkedOnOtherPlatforms(HttpTestClient client, SandboxPhone phone, PlatformLogins logins)
            throws Exception {
        TestLinks.LinkedPair pair = TestLinks.linkedPair(client, phone, appid, logins, "console-link");
        Console admin = new Console("198.51.100.41");
        assertThat(admin.logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD)).endsWith("/admin");

        HttpResponse<String> page = admin.get("/admin/users/" + pair.wechat().userId());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"platform-links\"").contains(">douyin<")
                .contains("/admin/users/" + pair.douyin().userId());
    }

    @Test
    void theAuditLogShowsThePlatformOfEachEventsApp(PlatformLogins logins) throws Exception {
        TestLogins.LoggedIn douyin = logins.loginNew(Platform.DOUYIN, "audit-platform");
        Console admin = new Console("198.51.100.42");
        assertThat(admin.logIn(ServiceTest.ADMIN_USERNAME, ServiceTest.ADMIN_PASSWORD)).endsWith("/admin");

        HttpResponse<String> page = admin.get("/admin/audit?user=" + douyin.userId());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<td class=\"platform\">Douyin</td>").doesNotContain("<td class=\"platform\">WeChat</td>");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A browser on the console from {@code address} (through the trusted proxy), with its own cookies. */
    private final class Console {

        private final String address;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Console(String address) {
            this.address = address;
        }

        /** Posts the login form: where the console sends the browser next. */
        String logIn(String username, String password) throws Exception {
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf("/admin/login");
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base() + "/admin/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            return answer.headers().firstValue("Location").orElseThrow();
        }

        String csrf(String page) throws Exception {
            Matcher token = CSRF.matcher(get(page).body());
            assertThat(token.find()).isTrue();
            return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").GET());
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
