package dev.wxlogin.server.weblogin;

import java.time.Instant;
import java.util.List;

import dev.wxlogin.server.audit.RequestOrigin;

/**
 * A sign-in ticket as stored.
 *
 * @param id          128 random bits, base64url: the code's scene
 * @param browserHash SHA-256 (hex) of the secret held by the browser that asked for it
 * @param appid       the mini program whose users may confirm it
 * @param clientId    the registered website the browser is signing in to
 * @param scopes      the scopes that website asked for
 * @param redirectUri where the website's code goes (a registered URI): the phone shows its host
 * @param status      as stored ({@link #statusAt} adds expiry)
 * @param userId      who scanned it, once scanned
 * @param requester   the address and user agent of the browser that asked for it
 * @param createdAt   when the browser asked for it
 * @param expiresAt   end of its life
 */
record WebLoginTicket(String id, String browserHash, String appid, String clientId, List<String> scopes, String redirectUri,
                      TicketStatus status, Long userId, RequestOrigin requester, Instant createdAt, Instant expiresAt) {

    /** The status at {@code now}: a ticket not yet consumed or decided expires with its lifetime. */
    TicketStatus statusAt(Instant now) {
        boolean open = status == TicketStatus.PENDING || status == TicketStatus.SCANNED || status == TicketStatus.APPROVED;
        return open && !now.isBefore(expiresAt) ? TicketStatus.EXPIRED : status;
    }
}
