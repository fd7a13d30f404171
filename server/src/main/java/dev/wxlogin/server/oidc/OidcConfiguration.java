package dev.wxlogin.server.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationEndpointFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.crypto.SecretHashing;
import dev.wxlogin.server.token.ActiveKeyJwtEncoder;
import dev.wxlogin.server.token.SigningKeys;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.user.ActiveAccounts;
import dev.wxlogin.server.user.UserAccount;

/**
 * wxlogin as an OpenID Connect provider (Spring Authorization Server): authorization code with PKCE,
 * ID tokens signed by our rotating keys (RS256, or ES256 for a client that asks for it), access tokens
 * for userinfo by our ES256 keys, clients, authorizations and consents in
 * the database, RP-initiated logout. A browser that is not signed in is sent to the scan page
 * ({@code /login/scan}). Its filter chain comes first and matches only the provider's endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfiguration {

    /** Where a browser that is not signed in goes: the page with the mini-program code. */
    static final String LOGIN_PAGE = "/login/scan";
    /** Where the provider would ask for consent in the browser; consent is given on the phone, so this page only says so. */
    static final String CONSENT_PAGE = "/login/consent";
    /** The provider's introspection of the tokens it issued to websites. */
    static final String WEBSITE_TOKEN_INTROSPECTION = "/oauth2/website/introspect";

    private static final PathPatternRequestMatcher.Builder PATH = PathPatternRequestMatcher.withDefaults();
    private static final RequestMatcher AUTHORIZATION = PATH.matcher("/oauth2/authorize");
    /** Where a website authenticates as itself. */
    private static final RequestMatcher CLIENT_ENDPOINTS = new OrRequestMatcher(PATH.matcher("/oauth2/token"),
            PATH.matcher("/oauth2/revoke"), PATH.matcher(WEBSITE_TOKEN_INTROSPECTION));

    @Bean
    @Order(1)
    SecurityFilterChain oidcProviderSecurity(HttpSecurity http, SigningKeys keys, WxLoginProperties properties,
                                             UserClaims claims, ObjectProvider<SecurityContextRepository> webSignIns,
                                             ObjectProvider<RequestCache> webSignInRequests,
                                             ObjectProvider<LogoutHandler> webSignOut, SecretHashing hashing) throws Exception {
        OAuth2AuthorizationServerConfigurer provider = new OAuth2AuthorizationServerConfigurer();
        String issuer = properties.token().issuer();
        http.securityMatcher(provider.getEndpointsMatcher())
                .with(provider, as -> as
                        .withObjectPostProcessor(noServletSessions())
                        // Websites' secrets are checked (and, when outdated, hashed again) as OidcClients hashed them.
                        .clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.forEach(p -> {
                            if (p instanceof ClientSecretAuthenticationProvider secrets) {
                                secrets.setPasswordEncoder(hashing.encoder());
                            }
                        })))
                        // Consent is given on the phone (weblogin); the page only says so if ever reached.
                        // Refusals the website may not be told of are pages for the user.
                        .authorizationEndpoint(authorize -> authorize.consentPage(CONSENT_PAGE)
                                .errorResponseHandler(AuthorizationErrorPages.authorization()))
                        .oidc(oidc -> oidc
                        // RP-initiated logout ends the browser's sign-in (weblogin), then goes back to the website.
                        .logoutEndpoint(logout -> {
                            logout.errorResponseHandler(AuthorizationErrorPages.logout());
                            webSignOut.ifAvailable(signOut -> logout.logoutResponseHandler(endingWith(signOut)));
                        })
                        // RFC 6750 §3: a refused token is a 401 with WWW-Authenticate, so a client knows to sign in again.
                        .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(claims::userInfo).errorResponseHandler(OAuthAnswers::bearerChallenge))
                        .providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(document -> document
                                .claims(advertiseImplemented(issuer))
                                // RS256 by default (what every client verifies unless told otherwise), ES256 per client.
                                .idTokenSigningAlgorithms(algorithms -> {
                                    algorithms.clear();
                                    algorithms.addAll(List.of("RS256", "ES256"));
                                })
                                .claim("claims_supported", UserClaims.SUPPORTED))))
                        // RFC 8414's document says the same of the OAuth side.
                        .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                                document -> document.claims(advertiseImplemented(issuer))))
                        // A website introspects its own tokens only (another's: inactive).
                        .tokenIntrospectionEndpoint(introspection -> introspection.introspectionResponseHandler(OAuthAnswers::ownTokensOnly)))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // Signed in by the scan page (weblogin), which also keeps the authorization request across it:
                // only an authorization request is kept; the endpoints websites call never get a cookie.
                .securityContext(context -> webSignIns.ifAvailable(context::securityContextRepository))
                .requestCache(cache -> webSignInRequests.ifAvailable(requests -> cache.requestCache(new AuthorizationRequestCache(AUTHORIZATION, requests))))
                .exceptionHandling(exceptions -> exceptions
                        // Only a browser's authorization request goes to the scan page; the endpoints websites
                        // call answer in OAuth's terms whatever Accept says (RFC 6749 §5.2, RFC 6750 §3).
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE),
                                new AndRequestMatcher(AUTHORIZATION, new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                        .defaultAuthenticationEntryPointFor(OAuthAnswers::invalidClient, CLIENT_ENDPOINTS)
                        .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(), AnyRequestMatcher.INSTANCE))
                // The userinfo endpoint takes the access tokens this provider issued (audience: the client).
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(websiteTokenDecoder(keys))));
        return http.build();
    }

    /**
     * What discovery and the authorization server metadata advertise beyond the provider's defaults, and
     * what they must not: exactly what is implemented and tested (OidcStandardsTest compares). One map
     * edit for both documents, whose builders share no public type.
     */
    private static Consumer<Map<String, Object>> advertiseImplemented(String issuer) {
        return document -> {
            // One JWKS for everything we sign: the one our access tokens already use.
            document.put("jwks_uri", issuer + "/.well-known/jwks.json");
            document.put("scopes_supported", new ArrayList<>(OidcScopes.supported()));
            document.put("grant_types_supported", new ArrayList<>(List.of("authorization_code", "refresh_token")));
            // What a registration can set (OidcClients): a secret, by either method, or none (public, PKCE).
            document.put("token_endpoint_auth_methods_supported", new ArrayList<>(List.of("client_secret_basic", "client_secret_post", "none")));
            // The websites' own endpoints; a public client cannot authenticate there (it has no secret).
            document.put("revocation_endpoint_auth_methods_supported", new ArrayList<>(List.of("client_secret_basic", "client_secret_post")));
            document.put("introspection_endpoint", issuer + WEBSITE_TOKEN_INTROSPECTION);
            document.put("introspection_endpoint_auth_methods_supported", new ArrayList<>(List.of("client_secret_basic", "client_secret_post")));
            document.put("code_challenge_methods_supported", new ArrayList<>(List.of("S256")));
            // Neither certificate-bound tokens (RFC 8705) nor DPoP (RFC 9449) is offered.
            document.remove("tls_client_certificate_bound_access_tokens");
            document.remove("dpop_signing_alg_values_supported");
        };
    }

    /**
     * The provider's OpenID Connect sessions are the browsers' sign-ins, in the database (weblogin's
     * SessionRegistry bean): it is not to make a servlet session per authorization in one instance's
     * memory, whose cookie would also replace the admin console's (same name and path).
     */
    private static ObjectPostProcessor<OAuth2AuthorizationEndpointFilter> noServletSessions() {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends OAuth2AuthorizationEndpointFilter> O postProcess(O filter) {
                filter.setSessionAuthenticationStrategy((authentication, request, response) -> {
                });
                return filter;
            }
        };
    }

    /** The provider's own logout response (redirect to the registered post-logout URI, with the state), after {@code signOut}. */
    private static OidcLogoutAuthenticationSuccessHandler endingWith(LogoutHandler signOut) {
        OidcLogoutAuthenticationSuccessHandler response = new OidcLogoutAuthenticationSuccessHandler();
        response.setLogoutHandler(signOut);
        return response;
    }

    private static JwtDecoder websiteTokenDecoder(SigningKeys keys) {
        return NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(WxLoginProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.token().issuer())
                // /oauth2/introspect is the session package's (RFC 7662 for our resource servers, mini-program
                // tokens); the provider's own introspection of website tokens moves aside, and is the one discovery names.
                .tokenIntrospectionEndpoint(WEBSITE_TOKEN_INTROSPECTION)
                .build();
    }

    @Bean
    JwtEncoder oidcJwtEncoder(SigningKeys keys) {
        return new ActiveKeyJwtEncoder(keys);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService oauth2AuthorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService oauth2AuthorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    OidcClients oidcClients(RegisteredClientRepository repository, JdbcClient jdbc, SecretHashing hashing, OidcProperties properties) {
        return new OidcClients(repository, jdbc, hashing.encoder(), properties);
    }

    /** The configured clients exist, as configured, before the first request. */
    @Bean
    ApplicationRunner configuredOidcClients(OidcClients clients, OidcProperties properties) {
        return args -> properties.clients().forEach(clients::save);
    }

    @Bean
    UserClaims userClaims(ActiveAccounts accounts) {
        return new UserClaims(accounts);
    }

    /**
     * Access tokens are ES256 like our own (the provider's default is RS256); ID tokens keep the
     * algorithm of their client (RS256 unless registered otherwise) and carry the claims of the scopes
     * granted, as userinfo does. No token is made for a user who is disabled or deleted since signing
     * in: the code or refresh token is refused ({@code invalid_grant}) and stays unused.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(UserClaims claims) {
        return context -> {
            UserAccount user = claims.activeUser(context.getPrincipal().getName(), OAuth2ErrorCodes.INVALID_GRANT);
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
            } else {
                Map<String, Object> extra = UserClaims.forScopes(user, context.getAuthorizedScopes());
                context.getClaims().claims(existing -> extra.forEach(existing::putIfAbsent));
            }
        };
    }

    /** The claims we release about a user, by scope, for users who may still sign in. */
    static final class UserClaims {

        static final List<String> SUPPORTED = List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid",
                "name", "nickname", "picture", "gender", "locale", "unionid");

        private final ActiveAccounts accounts;

        UserClaims(ActiveAccounts accounts) {
            this.accounts = accounts;
        }

        /** Userinfo, refused ({@code invalid_token}, 401) for a user disabled or deleted since the token was issued. */
        OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
            UserAccount user = activeUser(context.getAuthorization().getPrincipalName(), OAuth2ErrorCodes.INVALID_TOKEN);
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", Long.toString(user.id()));
            claims.putAll(forScopes(user, context.getAccessToken().getScopes()));
            return new OidcUserInfo(claims);
        }

        /**
         * The user named by the authorization's principal, if they exist and are not disabled.
         *
         * @throws OAuth2AuthenticationException with {@code errorCode} otherwise
         */
        UserAccount activeUser(String principalName, String errorCode) {
            try {
                return accounts.require(Long.parseLong(principalName));
            } catch (NumberFormatException | ApiException e) {
                // Not a user of ours, or USER_NOT_FOUND / USER_DISABLED: the website's grant is over.
                throw new OAuth2AuthenticationException(new OAuth2Error(errorCode, "the user is disabled or deleted", null));
            }
        }

        static Map<String, Object> forScopes(UserAccount user, Set<String> scopes) {
            Map<String, Object> claims = new LinkedHashMap<>();
            if (scopes.contains(OidcScopes.PROFILE) && user.profile() != null) {
                putIfPresent(claims, "name", user.profile().nickname());
                putIfPresent(claims, "nickname", user.profile().nickname());
                putIfPresent(claims, "picture", user.profile().avatarUrl());
                Integer gender = user.profile().gender();
                if (gender != null && gender != 0) {
                    claims.put("gender", gender == 1 ? "male" : "female");
                }
                putIfPresent(claims, "locale", user.profile().language());
            }
            if (scopes.contains(OidcScopes.UNIONID)) {
                putIfPresent(claims, "unionid", user.unionid());
            }
            return claims;
        }

        private static void putIfPresent(Map<String, Object> claims, String name, Object value) {
            if (value != null) {
                claims.put(name, value);
            }
        }
    }
}
