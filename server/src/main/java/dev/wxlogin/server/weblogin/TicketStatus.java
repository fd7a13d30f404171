package dev.wxlogin.server.weblogin;

/** Where a sign-in ticket is in its life. */
public enum TicketStatus {
    /** Shown on the page, not scanned yet. */
    PENDING,
    /** Scanned by one user, who has not decided yet. */
    SCANNED,
    /** The user approved on the phone; the browser may now sign in, once. */
    APPROVED,
    /** The user denied on the phone. */
    DENIED,
    /** The browser signed in with it. */
    CONSUMED,
    /** Past its lifetime before it was used (never stored: derived from the time). */
    EXPIRED
}
