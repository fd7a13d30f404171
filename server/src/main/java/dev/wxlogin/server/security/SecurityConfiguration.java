package dev.wxlogin.server.security;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.error.ErrorResponses;
import dev.wxlogin.server.user.ActiveAccounts;

/**
 * Stateless bearer-token security, denying by default: the endpoints in {@link PublicEndpoints}
 * are open, every other path needs one of our access tokens (verified by the token package's
 * {@link JwtDecoder}). So a new endpoint is protected unless it is added to that list, and an
 * unknown path answers 401 to a caller without a token (404 with one): which paths exist is no
 * public knowledge.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ActiveAccounts accounts, MiniProgramApps apps,
                                    AppSelector selector, ErrorResponses responses, ApiAuthenticationEntryPoint entryPoint,
                                    ApiAccessDeniedHandler accessDenied) throws Exception {
        PublicEndpoints publicEndpoints = new PublicEndpoints();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        // The container's forward of a failure to /error: answered in our shape, never refused.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(publicEndpoints).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(outside(publicEndpoints))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new CallerAuthenticationConverter(accounts, apps)))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .addFilterAfter(new TokenAppCheck(selector, responses), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied));
        return http.build();
    }

    /**
     * No Spring Security observations (an observation around every filter, authentication and
     * authorization): in JFR profiles of the cheapest requests they took about a fifth of the CPU,
     * for spans nobody collects. Each request's {@code http.server.requests} observation stays.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    /**
     * Spring Security's strict firewall, its header rule checked by a loop rather than a regular
     * expression (same rule, {@link HeaderText}).
     */
    @Bean
    static WebSecurityCustomizer headerCheckingFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        HeaderText headerText = new HeaderText();
        firewall.setAllowedHeaderNames(headerText);
        firewall.setAllowedHeaderValues(headerText);
        return web -> web.httpFirewall(firewall);
    }

    /** Reads the bearer token only where one is needed, so a stale one never blocks a public call. */
    private static BearerTokenResolver outside(PublicEndpoints publicEndpoints) {
        BearerTokenResolver bearer = new BearerHeader();
        return request -> publicEndpoints.matches(request) ? null : bearer.resolve(request);
    }
}
