package dev.wxlogin.server.admin;

import java.util.List;

import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.link.PlatformLink;
import dev.wxlogin.server.session.LoginSession;
import dev.wxlogin.server.weblogin.WebGrants;

/**
 * Everything support needs about one user.
 *
 * @param user           the user
 * @param linkedAccounts the same person in the other mini programs (same unionid)
 * @param sessions       their sessions that can still refresh, most recently used first
 * @param recentEvents   their latest audit events, newest first
 * @param browsers       the browsers they signed in by scanning, newest first
 * @param websites       the websites they approved on the phone
 * @param platformLinks  their accounts on other platforms, linked by the user through a phone number both proved
 */
public record AdminUserDetail(AdminUser user, List<AdminUser> linkedAccounts, List<LoginSession> sessions,
                              List<AuditEvent> recentEvents, List<WebGrants.BrowserSignIn> browsers,
                              List<WebGrants.ConnectedWebsite> websites, List<PlatformLink> platformLinks) {
}
