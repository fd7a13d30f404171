package dev.wxlogin.server.admin;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.wxlogin.server.account.UserAdministration;
import dev.wxlogin.server.account.UserSearchPage;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.token.SigningKeyStatus;
import dev.wxlogin.server.token.SigningKeys;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.token.AccessToken;
import dev.wxlogin.wechat.token.AccessTokenCache;

/**
 * What the admin API and the console both do, on top of {@link UserAdministration}: users as admins
 * see them, signing keys, the apps' health. Actions are audited with the admin.
 */
@Service
public class AdminOperations {

    /** How many of a user's events their page shows. */
    static final int RECENT_EVENTS = 20;

    private final UserAdministration users;
    private final AuditLog audit;
    private final SigningKeys signingKeys;
    private final WeChatApps apps;
    private final AccessTokenCache accessTokens;
    private final AdminApiKeys apiKeys;

    AdminOperations(UserAdministration users, AuditLog audit, SigningKeys signingKeys, WeChatApps apps, AccessTokenCache accessTokens,
                    AdminApiKeys apiKeys) {
        this.apiKeys = apiKeys;
        this.users = users;
        this.audit = audit;
        this.signingKeys = signingKeys;
        this.apps = apps;
        this.accessTokens = accessTokens;
    }

    /** Users matching {@code query} (id, openid, unionid, nickname, phone's last digits); blank for all. */
    public AdminUserPage search(String query, String appid, int page, int size) {
        UserSearchPage found = users.search(query, appid == null || appid.isBlank() ? null : appid, page, size);
        return new AdminUserPage(found.users().stream().map(AdminUser::of).toList(), found.total(), found.page(), found.size());
    }

    /** One user with their linked accounts, sessions and recent events. */
    public Optional<AdminUserDetail> user(long userId) {
        return users.user(userId).map(user -> new AdminUserDetail(AdminUser.of(user), linked(user), users.sessions(userId),
                audit.find(AuditQuery.ofUser(userId), 0, RECENT_EVENTS).events()));
    }

    private List<AdminUser> linked(UserAccount user) {
        if (user.unionid() == null) {
            return List.of();
        }
        return users.search(user.unionid(), null, 0, 50).users().stream()
                .filter(other -> other.id() != user.id() && user.unionid().equals(other.unionid()))
                .map(AdminUser::of)
                .toList();
    }

    /** The signing keys, newest first. */
    public List<SigningKeyStatus> signingKeys() {
        return signingKeys.statuses();
    }

    /** Rotates the signing keys now; audited. @return the new keys' ids, ES256's first */
    public List<String> rotateSigningKey(String admin) {
        List<String> kids = signingKeys.rotateNow();
        audit.record(AuditEvent.byAdmin(AuditEventType.ADMIN_SIGNING_KEY_ROTATE, AuditEvent.OK, admin, null, null));
        return kids;
    }

    /** The configured appids, default first. */
    public List<String> appIds() {
        return apps.all().stream().map(WeChatApp::appid).toList();
    }

    /** Each configured app and whether WeChat gives it an access_token (fetching one if none is cached). */
    public List<AppStatus> apps() {
        WeChatApp defaultApp = apps.defaultApp();
        return apps.all().stream().map(app -> {
            boolean isDefault = app.appid().equals(defaultApp.appid());
            try {
                AccessToken token = accessTokens.get(app);
                return new AppStatus(app.appid(), isDefault, true, token.obtainedAt(), token.expiresAt(), null);
            } catch (RuntimeException e) {
                return new AppStatus(app.appid(), isDefault, false, null, null, ApiErrorMapping.of(e).name());
            }
        }).toList();
    }

    /** The admin API keys, newest first. */
    public List<AdminApiKey> apiKeys() {
        return apiKeys.list();
    }

    /** Creates an admin API key; audited. The key's text is in the answer only. */
    public AdminApiKeys.Created createApiKey(String name, String admin) {
        AdminApiKeys.Created created = apiKeys.create(name, admin);
        audit.record(AuditEvent.byAdmin(AuditEventType.ADMIN_API_KEY_CREATE, AuditEvent.OK, admin, null, null));
        return created;
    }

    /** Revokes an admin API key; audited. @return whether it was active */
    public boolean revokeApiKey(String id, String admin) {
        boolean revoked = apiKeys.revoke(id);
        audit.record(AuditEvent.byAdmin(AuditEventType.ADMIN_API_KEY_REVOKE, revoked ? AuditEvent.OK : ApiError.ADMIN_NOT_FOUND.name(),
                admin, null, null));
        return revoked;
    }
}
