package dev.wxlogin.server.admin;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.wxlogin.server.account.UserAdministration;
import dev.wxlogin.server.account.UserSearchPage;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.AuditQuery;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.link.AccountLinking;
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
    private final MiniProgramApps allApps;
    private final AccessTokenCache accessTokens;
    private final AdminApiKeys apiKeys;
    private final AccountLinking links;

    AdminOperations(UserAdministration users, AuditLog audit, SigningKeys signingKeys, WeChatApps apps, MiniProgramApps allApps,
                    AccessTokenCache accessTokens, AdminApiKeys apiKeys, AccountLinking links) {
        this.allApps = allApps;
        this.apiKeys = apiKeys;
        this.links = links;
        this.users = users;
        this.audit = audit;
        this.signingKeys = signingKeys;
        this.apps = apps;
        this.accessTokens = accessTokens;
    }

    /** Users matching {@code query} (id, openid, unionid, nickname, phone's last digits); blank for all. */
    public AdminUserPage search(String query, String appid, int page, int size) {
        return search(query, appid, null, page, size);
    }

    /**
     * Users of one platform matching {@code query}; see {@link #search(String, String, int, int)}.
     *
     * @param platform a platform's name ({@code wechat}, {@code douyin}, {@code alipay}, {@code qq}); blank for all
     * @throws ApiException INVALID_FIELD for a name that is no platform
     */
    public AdminUserPage search(String query, String appid, String platform, int page, int size) {
        Platform only = platform == null || platform.isBlank() ? null : Platform.fromWireName(platform)
                .orElseThrow(() -> new ApiException(ApiError.INVALID_FIELD, "platform must be one of: " + Platform.wireNames()));
        UserSearchPage found = users.search(query, appid == null || appid.isBlank() ? null : appid, only, page, size);
        return new AdminUserPage(found.users().stream().map(AdminUser::of).toList(), found.total(), found.totalCapped(),
                found.page(), found.size());
    }

    /** One user with their linked accounts, sessions and recent events. */
    public Optional<AdminUserDetail> user(long userId) {
        return users.user(userId).map(user -> new AdminUserDetail(AdminUser.of(user), linked(user), users.sessions(userId),
                audit.find(AuditQuery.ofUser(userId), 0, RECENT_EVENTS).events(), users.browserSignIns(userId), users.websites(userId),
                links.linkedAccounts(userId)));
    }

    private List<AdminUser> linked(UserAccount user) {
        if (user.unionid() == null) {
            return List.of();
        }
        return users.search(user.unionid(), null, user.platform(), 0, 50).users().stream()
                .filter(other -> other.id() != user.id() && user.unionid().equals(other.unionid()))
                .map(AdminUser::of)
                .toList();
    }

    /** The signing keys, newest first. */
    public List<SigningKeyStatus> signingKeys() {
        return signingKeys.statuses();
    }

    /** Rotates the signing keys now; audited. @return the new keys' ids, ES256's first */
    public List<String> rotateSigningKey(AdminActor admin) {
        List<String> kids = signingKeys.rotateNow();
        audit.record(AuditEvent.byAdmin(admin, AuditEventType.ADMIN_SIGNING_KEY_ROTATE, AuditEvent.OK, null, null));
        return kids;
    }

    /** The configured appids of every platform, default first. */
    public List<String> appIds() {
        return allApps.all().stream().map(MiniProgramApp::appid).toList();
    }

    /**
     * Each configured app's platform ({@code wechat}, {@code douyin}, ...) by appid: the audit log names the
     * app, and an appid names one app on one platform in a deployment, so the console shows its platform.
     */
    public Map<String, String> appPlatforms() {
        Map<String, String> platforms = new HashMap<>();
        allApps.all().forEach(app -> platforms.put(app.appid(), app.platform().wireName()));
        return Collections.unmodifiableMap(platforms);
    }

    /** The platforms' names, for the console's filter. */
    public List<String> platforms() {
        return Arrays.stream(Platform.values()).map(Platform::wireName).toList();
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
    public AdminApiKeys.Created createApiKey(String name, AdminActor admin) {
        AdminApiKeys.Created created = apiKeys.create(name, admin.name());
        audit.record(AuditEvent.byAdmin(admin, AuditEventType.ADMIN_API_KEY_CREATE, AuditEvent.OK, null, null));
        return created;
    }

    /** Revokes an admin API key; audited. @return whether it was active */
    public boolean revokeApiKey(String id, AdminActor admin) {
        boolean revoked = apiKeys.revoke(id);
        audit.record(AuditEvent.byAdmin(admin, AuditEventType.ADMIN_API_KEY_REVOKE,
                revoked ? AuditEvent.OK : ApiError.ADMIN_NOT_FOUND.name(), null, null));
        return revoked;
    }
}
