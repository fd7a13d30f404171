package dev.wxlogin.server.weblogin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.oidc.OidcScopes;
import dev.wxlogin.server.outage.WeChatGuard;
import dev.wxlogin.server.user.AccountErasure;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.wxacode.WxaCodeClient;

/**
 * Sign-in to websites by scanning: a browser asks for a ticket (bound to it by a secret only it holds),
 * shows it as a mini-program code, a user scans and confirms it in the mini program, and that browser,
 * and no other, signs in as that user, once.
 */
public class WebLoginService implements AccountErasure {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /**
     * A ticket just made, with what only its browser may know.
     *
     * @param ticket        the ticket id (the code's scene)
     * @param browserSecret the secret the browser keeps in an HttpOnly cookie
     */
    public record Started(String ticket, String browserSecret) {
    }

    /**
     * What the browser's page learns.
     *
     * @param status where the ticket is, {@link TicketStatus#EXPIRED} included
     */
    public record PageStatus(TicketStatus status) {
    }

    /** Why a browser cannot sign in with a ticket. */
    public enum Refusal {
        /** No such ticket. */
        UNKNOWN,
        /** The ticket belongs to another browser. */
        OTHER_BROWSER,
        /** Not approved (yet, or ever). */
        NOT_APPROVED,
        /** Denied on the phone. */
        DENIED,
        /** Already used to sign in. */
        USED,
        /** Expired. */
        EXPIRED
    }

    /**
     * A browser's attempt to sign in with a ticket: the user and what they approved on the phone, or why not.
     *
     * @param userId   who approved
     * @param clientId the website approved
     * @param scopes   the scopes approved for it
     * @param refusal  why not, or {@code null}
     */
    public record Completion(Long userId, String clientId, List<String> scopes, Refusal refusal) {
    }

    /**
     * The website a ticket is for, as the confirm page shows it: from its registration only.
     *
     * @param clientId     its client_id
     * @param name         its registered name
     * @param redirectHost the host the browser goes to once signed in (of a registered redirect URI)
     */
    public record ClientInfo(String clientId, String name, String redirectHost) {
    }

    /**
     * The browser that asks to be signed in, as the phone is shown it.
     *
     * @param address     its address with the host part hidden ({@code 203.0.113.*}; an IPv6 address to its /64), or
     *                    {@code null} when unknown
     * @param browser     its browser and major version from its user agent ({@code Chrome 120}), or {@code unknown browser}
     * @param os          its operating system ({@code Windows}, {@code iOS 17}), or {@code unknown system}
     * @param requestedAt when the browser asked for the code
     * @param sameNetwork whether the phone and the browser are on the same network (same /24 for IPv4, /64 for IPv6);
     *                    false means someone elsewhere may be asking
     */
    public record Requester(String address, String browser, String os, Instant requestedAt, boolean sameNetwork) {
    }

    /** A scope with what it means. */
    public record ScopeInfo(String scope, String description) {
    }

    /**
     * The contract's answer to a scan.
     *
     * @param expiresAt when the ticket ends
     * @param requester the browser that asks
     */
    public record ScanAnswer(String ticket, ClientInfo client, List<ScopeInfo> scopes, Instant expiresAt, TicketStatus status,
                             Requester requester) {
    }

    /** The contract's answer to a decision. */
    public record ConfirmAnswer(TicketStatus status) {
    }

    private final WebLoginTickets tickets;
    private final WxaCodeClient codes;
    private final WeChatGuard weChat;
    private final WeChatApp app;
    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final JdbcClient jdbc;
    private final WebLoginProperties properties;
    private final Clock clock;
    /** WeChat rate-limits code images: one fetch per ticket and instance. */
    private final Cache<String, byte[]> images;

    WebLoginService(WebLoginTickets tickets, WxaCodeClient codes, WeChatGuard weChat, WeChatApp app, RegisteredClientRepository clients,
                    OAuth2AuthorizationConsentService consents, JdbcClient jdbc, WebLoginProperties properties, Clock clock) {
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.codes = codes;
        this.weChat = weChat;
        this.app = app;
        this.clients = clients;
        this.consents = consents;
        this.properties = properties;
        this.clock = clock;
        this.images = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.ticketTtl().plusMinutes(1)).build();
    }

    /** A new ticket for a browser at {@code requester} signing in to a website with a checked authorization request. */
    public Started start(WebsiteRequest request, RequestOrigin requester) {
        String ticket = BASE64URL.encodeToString(randomBytes(16));
        String secret = BASE64URL.encodeToString(randomBytes(32));
        Instant now = clock.instant();
        tickets.insert(new WebLoginTicket(ticket, sha256(secret), app.appid(), request.clientId(), request.scopes(), request.redirectUri(),
                TicketStatus.PENDING, null, requester, now, now.plus(properties.ticketTtl())));
        return new Started(ticket, secret);
    }

    /**
     * The mini-program code for a ticket that is still open, or empty.
     *
     * @throws dev.wxlogin.server.outage.WeChatCallRefusedException too many WeChat calls in flight, or WeChat is down
     */
    public Optional<byte[]> code(String ticket) {
        Optional<WebLoginTicket> found = tickets.find(ticket);
        if (found.isEmpty() || found.get().statusAt(clock.instant()) != TicketStatus.PENDING) {
            return Optional.empty();
        }
        return Optional.of(images.get(ticket, t -> weChat.call(() -> codes.unlimited(app, properties.page(), t, properties.codeWidth()))));
    }

    /** The ticket's status for the browser holding {@code browserSecret}; empty when it is not that browser's. */
    public Optional<PageStatus> status(String ticket, String browserSecret) {
        return ownTicket(ticket, browserSecret).map(t -> new PageStatus(t.statusAt(clock.instant())));
    }

    /** Signs the browser in with an approved ticket: the ticket is consumed, whatever comes after. */
    public Completion complete(String ticket, String browserSecret) {
        Optional<WebLoginTicket> found = tickets.find(ticket);
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN);
        }
        WebLoginTicket stored = found.get();
        if (!ownedBy(stored, browserSecret)) {
            return refused(Refusal.OTHER_BROWSER);
        }
        Instant now = clock.instant();
        TicketStatus status = stored.statusAt(now);
        return switch (status) {
            case APPROVED -> tickets.consume(ticket, now)
                    ? new Completion(stored.userId(), stored.clientId(), stored.scopes(), null)
                    : refused(tickets.find(ticket).map(t -> t.statusAt(clock.instant()) == TicketStatus.EXPIRED).orElse(false)
                            ? Refusal.EXPIRED : Refusal.USED);
            case CONSUMED -> refused(Refusal.USED);
            case DENIED -> refused(Refusal.DENIED);
            case EXPIRED -> refused(Refusal.EXPIRED);
            case PENDING, SCANNED -> refused(Refusal.NOT_APPROVED);
        };
    }

    /**
     * The mini program scanned the ticket: it becomes this user's to decide. The answer names the
     * website as registered and the browser that asks, compared with the phone's address.
     *
     * @param phoneAddress the address the phone's request came from
     * @throws ApiException WEB_LOGIN_TICKET_UNKNOWN, _EXPIRED, _USED, _OTHER_USER; TOKEN_WRONG_APP
     */
    public ScanAnswer scan(String ticket, long userId, String appid, String phoneAddress) {
        WebLoginTicket stored = requireFor(ticket, appid);
        Instant now = clock.instant();
        if (!tickets.markScanned(ticket, userId, now)) {
            stored = requireFor(ticket, appid);
            requireOpen(stored, userId, now);
            if (stored.status() != TicketStatus.SCANNED) {
                throw new ApiException(ApiError.WEB_LOGIN_TICKET_USED);
            }
        }
        UserAgentNames.Named agent = UserAgentNames.of(stored.requester().userAgent());
        String browserAddress = stored.requester().clientAddress();
        Requester requester = new Requester(NetworkAddresses.masked(browserAddress), agent.browser(), agent.os(), stored.createdAt(),
                NetworkAddresses.sameNetwork(browserAddress, phoneAddress));
        return new ScanAnswer(ticket, clientInfo(stored),
                stored.scopes().stream().map(s -> new ScopeInfo(s, OidcScopes.description(s))).toList(),
                stored.expiresAt(), TicketStatus.SCANNED, requester);
    }

    /**
     * The user decided. An approval is remembered as the user's consent to the website's scopes.
     *
     * @throws ApiException as {@link #scan}
     */
    public ConfirmAnswer confirm(String ticket, long userId, String appid, boolean approve) {
        WebLoginTicket stored = requireFor(ticket, appid);
        Instant now = clock.instant();
        if (!tickets.decide(ticket, userId, approve, now)) {
            requireOpen(requireFor(ticket, appid), userId, now);
            throw new ApiException(ApiError.WEB_LOGIN_TICKET_USED);
        }
        if (approve) {
            rememberConsent(stored.clientId(), userId, stored.scopes());
        }
        return new ConfirmAnswer(approve ? TicketStatus.APPROVED : TicketStatus.DENIED);
    }

    /** Deletes the tickets the user scanned, for an account deletion: they hold the user and the browser's address. */
    @Override
    public void erase(long userId) {
        tickets.deleteAllOf(userId);
    }

    /** Drops tickets an hour after they ended. */
    public int purge() {
        return tickets.purgeExpired(clock.instant().minus(Duration.ofHours(1)));
    }

    private void rememberConsent(String clientId, long userId, List<String> scopes) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            return;
        }
        String principal = Long.toString(userId);
        OAuth2AuthorizationConsent existing = consents.findById(client.getId(), principal);
        OAuth2AuthorizationConsent.Builder consent = existing != null
                ? OAuth2AuthorizationConsent.from(existing)
                : OAuth2AuthorizationConsent.withId(client.getId(), principal);
        scopes.forEach(consent::scope);
        consents.save(consent.build());
        jdbc.sql("UPDATE oauth2_authorization_consent SET granted_at = ? WHERE registered_client_id = ? AND principal_name = ? AND granted_at IS NULL")
                .params(Timestamp.from(clock.instant()), client.getId(), principal).update();
    }

    /** The website as registered; a ticket names only registered websites, but one may have been deleted since. */
    private ClientInfo clientInfo(WebLoginTicket ticket) {
        RegisteredClient client = clients.findByClientId(ticket.clientId());
        if (client == null) {
            throw new ApiException(ApiError.WEB_LOGIN_TICKET_UNKNOWN);
        }
        return new ClientInfo(ticket.clientId(), client.getClientName(),
                ticket.redirectUri() == null ? null : URI.create(ticket.redirectUri()).getHost());
    }

    /** Throws why a ticket that did not move as asked cannot be acted on by this user. */
    private static void requireOpen(WebLoginTicket stored, long userId, Instant now) {
        TicketStatus status = stored.statusAt(now);
        if (status == TicketStatus.EXPIRED) {
            throw new ApiException(ApiError.WEB_LOGIN_TICKET_EXPIRED);
        }
        if (stored.userId() != null && stored.userId() != userId) {
            throw new ApiException(ApiError.WEB_LOGIN_TICKET_OTHER_USER);
        }
        if (status != TicketStatus.PENDING && status != TicketStatus.SCANNED) {
            throw new ApiException(ApiError.WEB_LOGIN_TICKET_USED);
        }
    }

    private WebLoginTicket requireFor(String ticket, String appid) {
        WebLoginTicket stored = tickets.find(ticket).orElseThrow(() -> new ApiException(ApiError.WEB_LOGIN_TICKET_UNKNOWN));
        if (!stored.appid().equals(appid)) {
            throw new ApiException(ApiError.TOKEN_WRONG_APP);
        }
        return stored;
    }

    private Optional<WebLoginTicket> ownTicket(String ticket, String browserSecret) {
        return tickets.find(ticket).filter(t -> ownedBy(t, browserSecret));
    }

    private static boolean ownedBy(WebLoginTicket ticket, String browserSecret) {
        return browserSecret != null && MessageDigest.isEqual(
                ticket.browserHash().getBytes(StandardCharsets.US_ASCII), sha256(browserSecret).getBytes(StandardCharsets.US_ASCII));
    }

    private static Completion refused(Refusal refusal) {
        return new Completion(null, null, List.of(), refusal);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
