package dev.wxlogin.server.weblogin;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.server.outage.WeChatGuard;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;
import dev.wxlogin.wechat.wxacode.WxaCodeClient;

/**
 * Signing in to websites by scanning: the tickets, the code images, and the browser's security
 * chain for the scan pages (sessions, a strict CSP with no inline script), between the OpenID Connect
 * provider's chain and the API's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebLoginProperties.class)
class WebLoginConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The browser's pages, each by name: any other path under {@code /login} is no page of ours and
     * goes on to the API's chain, which denies by default (401 without a token, 404 with one).
     */
    static final RequestMatcher SCAN_PAGES = scanPages();

    private static RequestMatcher scanPages() {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(path.matcher("/login/scan"), path.matcher("/login/scan.js"), path.matcher("/login/scan.css"),
                path.matcher("/login/scan/done"), path.matcher("/login/scan/{ticket}/code.png"), path.matcher("/login/scan/{ticket}/status"),
                path.matcher("/login/scan/{ticket}/events"), path.matcher("/login/scan/{ticket}/complete"),
                path.matcher("/login/consent"));
    }

    @Bean
    @Order(2)
    SecurityFilterChain scanPageSecurity(HttpSecurity http, WebSignInContexts contexts, RequestCache webSignInRequests) throws Exception {
        http.securityMatcher(SCAN_PAGES)
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(webSignInRequests))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    WebSignIns webSignIns(JdbcClient jdbc, UserStore users) {
        return new WebSignIns(jdbc, users);
    }

    /** The user's browser sign-ins and connected websites, to list and end them. */
    @Bean
    WebGrants webGrants(JdbcClient jdbc, TransactionTemplate transactions, WebSignIns signIns, RegisteredClientRepository clients,
                        Clock clock) {
        return new WebGrants(jdbc, transactions, signIns, clients, clock);
    }

    /** Who signed in by scanning; public so that the provider's chain shares it, and ends it at logout. */
    @Bean
    WebSignInContexts webSignInContexts(WebSignIns signIns, WebLoginProperties properties, Clock clock) {
        return new WebSignInContexts(signIns, properties.signInTtl(), clock);
    }

    /** The sign-ins as the provider's OpenID Connect sessions (its authorization server configurer picks the bean up). */
    @Bean
    SessionRegistry webSignInSessions(WebSignIns signIns, Clock clock) {
        return new WebSignInSessions(signIns, clock);
    }

    /** The website's authorization request, kept across the scan in a cookie (not the admin's session). */
    @Bean
    RequestCache webSignInRequests() {
        return new CookieRequestCache();
    }

    @Bean
    WxaCodeClient wxaCodeClient(TokenAuthorizedTransport calls) {
        return new WxaCodeClient(calls);
    }

    @Bean
    WebLoginService webLoginService(JdbcClient jdbc, WxaCodeClient codes, WeChatGuard weChat, WeChatApps apps,
                                    RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
                                    WebLoginProperties properties, Clock clock) {
        WeChatApp app = properties.appid().isBlank() ? apps.defaultApp() : apps.require(properties.appid());
        return new WebLoginService(new WebLoginTickets(jdbc), codes, weChat, app, clients, consents, jdbc, properties, clock);
    }

    /** Watches the tickets of open event streams; one thread does for all, each check is one indexed read. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService webLoginPoller() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "web-login-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    TicketEventStreams ticketEventStreams(WebLoginProperties properties) {
        return new TicketEventStreams(properties.eventStreamsPerTicket(), properties.eventStreams());
    }

    @Bean
    Purge webLoginPurge(WebLoginService service, WebSignIns signIns, Clock clock) {
        return new Purge(service, signIns, clock);
    }

    /** Deletes tickets an hour after they ended, and sign-ins once they have ended. */
    static final class Purge {

        private final WebLoginService service;
        private final WebSignIns signIns;
        private final Clock clock;

        Purge(WebLoginService service, WebSignIns signIns, Clock clock) {
            this.service = service;
            this.signIns = signIns;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
        void purge() {
            service.purge();
            signIns.purgeExpired(clock.instant());
        }
    }
}
