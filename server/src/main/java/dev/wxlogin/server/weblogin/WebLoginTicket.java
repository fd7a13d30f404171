package dev.wxlogin.server.weblogin;

import java.time.Instant;
import java.util.List;

/**
 * A sign-in ticket as stored.
 *
 * @param id          128 random bits, base64url: the code's scene
 * @param browserHash SHA-256 (hex) of the secret held by the browser that asked for it
 * @param appid       the mini program whose users may confirm it
 * @param clientId    the website the browser is signing in to, if it came from an authorization request
 * @param scopes      the scopes that website asked for
 * @param status      as stored ({@link #statusAt} adds expiry)
 * @param userId      who scanned it, once scanned
 * @param expiresAt   end of its life
 */
record WebLoginTicket(String id, String browserHash, String appid, String clientId, List<String> scopes,
                      TicketStatus status, Long userId, Instant expiresAt) {

    /** The status at {@code now}: a ticket not yet consumed or decided expires with its lifetime. */
    TicketStatus statusAt(Instant now) {
        boolean open = status == TicketStatus.PENDING || status == TicketStatus.SCANNED || status == TicketStatus.APPROVED;
        return open && !now.isBefore(expiresAt) ? TicketStatus.EXPIRED : status;
    }
}
