package dev.wxlogin.server.admin;

import java.util.List;

import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.session.LoginSession;

/**
 * Everything support needs about one user.
 *
 * @param user           the user
 * @param linkedAccounts the same person in the other mini programs (same unionid)
 * @param sessions       their sessions that can still refresh, most recently used first
 * @param recentEvents   their latest audit events, newest first
 */
public record AdminUserDetail(AdminUser user, List<AdminUser> linkedAccounts, List<LoginSession> sessions,
                              List<AuditEvent> recentEvents) {
}
