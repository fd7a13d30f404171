package dev.wxlogin.server.weblogin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.audit.RequestOrigin;

/** The tickets in the database, so that the page, the phone and the browser may reach different instances. */
class WebLoginTickets {

    private final JdbcClient jdbc;

    WebLoginTickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WebLoginTicket ticket) {
        jdbc.sql("""
                INSERT INTO web_login_ticket (id, browser_hash, appid, client_id, scopes, redirect_uri, status, browser_address,
                                              browser_agent, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ticket.id(), ticket.browserHash(), ticket.appid(), ticket.clientId(), String.join(" ", ticket.scopes()),
                        ticket.redirectUri(), ticket.status().name(), ticket.requester().clientAddress(), ticket.requester().userAgent(),
                        Timestamp.from(ticket.createdAt()), Timestamp.from(ticket.expiresAt()))
                .update();
    }

    Optional<WebLoginTicket> find(String id) {
        return jdbc.sql("""
                        SELECT id, browser_hash, appid, client_id, scopes, redirect_uri, status, user_id, browser_address, browser_agent,
                               created_at, expires_at
                        FROM web_login_ticket WHERE id = ?""")
                .param(id)
                .query((rs, row) -> {
                    String scopes = rs.getString("scopes");
                    long userId = rs.getLong("user_id");
                    Long user = rs.wasNull() ? null : userId;
                    return new WebLoginTicket(rs.getString("id"), rs.getString("browser_hash"), rs.getString("appid"),
                            rs.getString("client_id"), scopes == null || scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")),
                            rs.getString("redirect_uri"), TicketStatus.valueOf(rs.getString("status")), user,
                            new RequestOrigin(rs.getString("browser_address"), rs.getString("browser_agent")),
                            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant());
                })
                .optional();
    }

    /** PENDING to SCANNED by {@code userId}, while valid; false when the ticket was not in that state. */
    boolean markScanned(String id, long userId, Instant now) {
        return jdbc.sql("""
                UPDATE web_login_ticket SET status = 'SCANNED', user_id = ?, scanned_at = ?
                WHERE id = ? AND status = 'PENDING' AND expires_at > ?""")
                .params(userId, Timestamp.from(now), id, Timestamp.from(now))
                .update() == 1;
    }

    /** PENDING or SCANNED-by-this-user to APPROVED or DENIED, while valid; false otherwise. */
    boolean decide(String id, long userId, boolean approve, Instant now) {
        return jdbc.sql("""
                UPDATE web_login_ticket SET status = ?, user_id = ?, decided_at = ?
                WHERE id = ? AND expires_at > ?
                  AND (status = 'PENDING' OR (status = 'SCANNED' AND user_id = ?))""")
                .params(approve ? "APPROVED" : "DENIED", userId, Timestamp.from(now), id, Timestamp.from(now), userId)
                .update() == 1;
    }

    /** APPROVED to CONSUMED, while valid: exactly one browser request wins. */
    boolean consume(String id, Instant now) {
        return jdbc.sql("""
                UPDATE web_login_ticket SET status = 'CONSUMED', consumed_at = ?
                WHERE id = ? AND status = 'APPROVED' AND expires_at > ?""")
                .params(Timestamp.from(now), id, Timestamp.from(now))
                .update() == 1;
    }

    /** Deletes the tickets the user scanned. */
    void deleteAllOf(long userId) {
        jdbc.sql("DELETE FROM web_login_ticket WHERE user_id = ?").param(userId).update();
    }

    /** Drops tickets that ended before {@code before}. */
    int purgeExpired(Instant before) {
        return jdbc.sql("DELETE FROM web_login_ticket WHERE expires_at < ?").param(Timestamp.from(before)).update();
    }
}
