package dev.wxlogin.server.admin;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.crypto.SecretHashing;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ErrorResponses;

/**
 * The admin side, {@code /admin/**}: its own filter chain, ordered before the API's, denying by
 * default. The console logs in with a form (session cookie {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Secure} when the request came over TLS; CSRF token on every form); the admin API also takes
 * admin API keys. A user's access token is no credential here: {@code /admin/api/**} answers it 401
 * {@code ADMIN_UNAUTHORIZED} like any other request without admin credentials.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    /** The console's pages allow only their own scripts, styles and images: no inline script or style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String LOGIN_PAGE = "/admin/login";

    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/admin/api/**");

    /** The passwords are hashed as {@link SecretHashing} says: bcrypt, behind the delegating encoder's {id} prefix. */
    @Bean
    AdminAccounts adminAccounts(JdbcClient jdbc, SecretHashing hashing, ObjectProvider<Clock> clock) {
        return new AdminAccounts(jdbc, hashing.encoder(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AdminApiKeys adminApiKeys(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        return new AdminApiKeys(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    FirstAdmin firstAdmin(AdminAccounts accounts, AdminProperties properties,
                          @Value("${wxlogin.sandbox.enabled:false}") boolean sandbox) {
        return new FirstAdmin(accounts, properties, sandbox);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 50)
    SecurityFilterChain adminSecurity(HttpSecurity http, AdminAccounts accounts, AdminApiKeys keys, AdminProperties properties, AuditLog audit,
                                      ErrorResponses responses) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts.userDetails());
        passwords.setPasswordEncoder(accounts.encoder());
        passwords.setUserDetailsPasswordService(accounts.passwordUpgrades());
        AdminLoginThrottle throttle = new AdminLoginThrottle(properties.loginAttempts(), properties.loginAttemptWindow());

        AuthenticationEntryPoint apiUnauthorized = (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wxlogin-admin\"");
            responses.write(ApiError.ADMIN_UNAUTHORIZED, null, request, response);
        };
        AccessDeniedHandler apiDenied = (request, response, denied) -> responses.write(
                denied instanceof CsrfException ? ApiError.ADMIN_CSRF_REJECTED : ApiError.ACCESS_DENIED, null, request, response);

        http.securityMatcher("/admin/**")
                .authenticationManager(new ProviderManager(passwords))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN_PAGE, "/admin/console.css").permitAll()
                        .anyRequest().hasRole(AdminAccounts.ROLE))
                .formLogin(form -> form
                        .loginPage(LOGIN_PAGE)
                        .loginProcessingUrl(LOGIN_PAGE)
                        .successHandler((request, response, authentication) -> {
                            accounts.recordLogin(authentication.getName());
                            audit.record(AuditEvent.byAdmin(new AdminActor(authentication.getName(), RequestOrigin.of(request)), AuditEventType.ADMIN_LOGIN,
                                    AuditEvent.OK, null, null));
                            response.sendRedirect(request.getContextPath() + "/admin");
                        })
                        .failureHandler((request, response, failure) -> {
                            audit.record(AuditEvent.byAdmin(new AdminActor(cut(request.getParameter("username")), RequestOrigin.of(request)),
                                    AuditEventType.ADMIN_LOGIN, "ADMIN_LOGIN_FAILED", null, null));
                            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?error");
                        }))
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(AdminSecurityConfiguration::needsNoCsrfToken))
                // Before the CSRF check, which exempts a request a valid API key authenticated.
                .addFilterBefore(new AdminApiKeyFilter(keys), CsrfFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle, audit), UsernamePasswordAuthenticationFilter.class)
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(apiUnauthorized, API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(apiDenied, API)
                        .defaultAccessDeniedHandlerFor(apiDenied, AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /**
     * A request a valid API key authenticated (a browser cannot be made to send one cross-site), or an
     * admin API request with a key header that is no valid key: its session cookie counts for nothing
     * there (AdminApiKeyFilter), so it is simply 401. Any other request needs the token whatever
     * headers come with it: an {@code Authorization} header does not make a session cookie safe.
     */
    private static boolean needsNoCsrfToken(HttpServletRequest request) {
        return AdminApiKeyFilter.authenticatedByKey(request) || (API.matches(request) && AdminApiKeyFilter.hasHeaderCredentials(request));
    }

    private static String cut(String username) {
        if (username == null) {
            return null;
        }
        return username.length() > 100 ? username.substring(0, 100) : username;
    }

    /** Refuses a console login attempt beyond the limits before the password is even checked. */
    private static final class LoginThrottleFilter extends OncePerRequestFilter {

        private static final RequestMatcher LOGIN = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, LOGIN_PAGE);

        private final AdminLoginThrottle throttle;
        private final AuditLog audit;

        LoginThrottleFilter(AdminLoginThrottle throttle, AuditLog audit) {
            this.throttle = throttle;
            this.audit = audit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!LOGIN.matches(request)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<String> username = AdminUsernames.normalized(request.getParameter("username"));
            if (!throttle.tryAttempt(username.orElse(null), RequestOrigin.of(request).clientAddress())) {
                audit.record(AuditEvent.byAdmin(new AdminActor(username.orElse(null), RequestOrigin.of(request)), AuditEventType.ADMIN_LOGIN,
                        ApiError.RATE_LIMITED.name(), null, null));
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?throttled");
                return;
            }
            if (username.isEmpty()) {
                audit.record(AuditEvent.byAdmin(new AdminActor(null, RequestOrigin.of(request)), AuditEventType.ADMIN_LOGIN, "ADMIN_LOGIN_FAILED", null, null));
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?error");
                return;
            }
            // The login checks the very username the throttle counted.
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public String getParameter(String name) {
                    return "username".equals(name) ? username.get() : super.getParameter(name);
                }
            }, response);
        }
    }
}
