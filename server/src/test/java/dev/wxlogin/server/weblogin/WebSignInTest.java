package dev.wxlogin.server.weblogin;

import static dev.wxlogin.server.TestBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.account.UserAdministration;
import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.crypto.Sha256;

/**
 * A browser's sign-in at wxlogin after a scan ({@code WXLOGIN_WEB_SIGNIN}): what the cookie is, what is
 * stored, how long it lets the browser's websites sign in without a new scan, and that it stops when
 * its user is disabled.
 */
@DatabaseMatrix
@ServiceTest
@TestPropertySource(properties = {
        "wxlogin.web-login.sign-in-ttl=1h",
        "wxlogin.oidc.clients[2].client-id=signin-site",
        "wxlogin.oidc.clients[2].secret=signin-site-secret-of-some-length",
        "wxlogin.oidc.clients[2].redirect-uris[0]=http://127.0.0.1:9/callback",
        "wxlogin.oidc.clients[2].scopes=openid",
})
class WebSignInTest {

    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAdministration administration;
    @Autowired
    WebLoginConfiguration.Purge purge;

    @Fixture private HttpTestClient api;
    @Fixture private URI service;
    @Fixture private LoggedIn user;

    @Test
    void theCookieIsHttpOnlyLaxForTheWholeSiteLastsTheConfiguredLifetimeAndOnlyItsHashIsStored() {
        TestBrowser browser = new TestBrowser();
        assertThat(location(browser.get(authorize("s1")))).endsWith("/login/scan");

        HttpResponse<String> completed = browser.scanAndApprove(service.toString(), api, user);

        List<String> setCookie = completed.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WebSignInContexts.COOKIE + "=")).toList();
        assertThat(setCookie).singleElement().satisfies(cookie -> assertThat(Arrays.stream(cookie.split(";")).map(String::strip))
                .contains("Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=3600"));
        String token = browser.cookie(WebSignInContexts.COOKIE).orElseThrow().getValue();
        assertThat(jdbc.sql("SELECT user_id FROM web_sign_in WHERE token_hash = ?").param(Sha256.hex(token)).query(Long.class).single())
                .isEqualTo(user.userId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM web_sign_in WHERE token_hash = ? OR id = ?").params(token, token)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aSignInLetsItsWebsitesSignInWithoutAScanForItsLifetimeThenIsPurged() {
        TestBrowser browser = new TestBrowser();
        signIn(browser);

        clock.advance(Duration.ofMinutes(59));
        assertThat(location(browser.get(authorize("s2")))).startsWith(REDIRECT + "?code=");

        clock.advance(Duration.ofMinutes(2));
        assertThat(location(browser.get(authorize("s3")))).endsWith("/login/scan");
        assertThat(signInsOf(user)).isOne();
        purge.purge();
        assertThat(signInsOf(user)).isZero();
    }

    @Test
    void aDisabledUsersSignInNoLongerAuthorizesUntilTheUserIsEnabledAgain() {
        TestBrowser browser = new TestBrowser();
        signIn(browser);

        administration.disable(user.userId(), new AdminActor("ops", RequestOrigin.NONE));

        assertThat(location(browser.get(authorize("s2")))).endsWith("/login/scan");
        // As the user's mini-program sessions are: kept while disabled, so that enabling restores them.
        administration.enable(user.userId(), new AdminActor("ops", RequestOrigin.NONE));
        assertThat(location(browser.get(authorize("s3")))).startsWith(REDIRECT + "?code=");
    }

    @Test
    void signingInAgainReplacesTheBrowsersSignIn() {
        TestBrowser browser = new TestBrowser();
        signIn(browser);
        assertThat(location(browser.get(authorize("s2")))).startsWith(REDIRECT + "?code=");

        // A scan is for a website's request: the browser signs in again through one (a scope it has not approved).
        jdbc.sql("DELETE FROM web_sign_in_approval").update();
        assertThat(location(browser.get(authorize("s2b")))).endsWith("/login/scan");
        browser.scanAndApprove(service.toString(), api, user);

        assertThat(signInsOf(user)).isOne();
        assertThat(location(browser.get(authorize("s3")))).startsWith(REDIRECT + "?code=");
    }

    @Test
    void theProviderKeepsNoServletSessionWhoseCookieWouldReplaceTheAdminConsoles() {
        TestBrowser browser = new TestBrowser();
        assertThat(location(browser.get(authorize("s1")))).endsWith("/login/scan");
        HttpResponse<String> resumed = browser.follow(browser.scanAndApprove(service.toString(), api, user));
        assertThat(location(resumed)).startsWith(REDIRECT + "?code=");

        HttpResponse<String> again = browser.get(authorize("s2"));

        assertThat(location(again)).startsWith(REDIRECT + "?code=");
        assertThat(resumed.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("WXLOGIN_ADMIN_SESSION="));
        assertThat(again.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("WXLOGIN_ADMIN_SESSION="));
    }

    /** A browser not signed in asks for a code, lands on the scan page, scans, and gets the code. */
    private void signIn(TestBrowser browser) {
        assertThat(location(browser.get(authorize("s1")))).endsWith("/login/scan");
        HttpResponse<String> resumed = browser.follow(browser.scanAndApprove(service.toString(), api, user));
        assertThat(location(resumed)).startsWith(REDIRECT + "?code=");
    }

    private String authorize(String state) {
        return service + "/oauth2/authorize?response_type=code&client_id=signin-site&scope=openid&state=" + state + "&nonce=n"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
    }

    private long signInsOf(LoggedIn someone) {
        return jdbc.sql("SELECT COUNT(*) FROM web_sign_in WHERE user_id = ?").param(someone.userId()).query(Long.class).single();
    }
}
