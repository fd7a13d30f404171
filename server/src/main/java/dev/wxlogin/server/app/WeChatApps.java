package dev.wxlogin.server.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.wechat.WeChatApp;

/**
 * The WeChat mini programs this deployment serves, each with its own secret, by appid: the WeChat apps of
 * {@link MiniProgramApps}. Immutable; the first app is the default one ({@code WXLOGIN_APPID}). Never prints a secret.
 */
public final class WeChatApps {

    /** What an appid may look like: WeChat's are {@code wx} and 16 hex digits; the column holds 32. */
    private static final Pattern APPID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, WeChatApp> byAppid;

    /**
     * @param apps the apps, default first; an appid listed twice must come with the same secret
     * @throws IllegalArgumentException no app, a malformed appid, or one appid with two secrets
     */
    public WeChatApps(List<WeChatApp> apps) {
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("at least one app is needed");
        }
        Map<String, WeChatApp> map = new LinkedHashMap<>();
        for (WeChatApp app : apps) {
            if (!isWellFormed(app.appid())) {
                throw new IllegalArgumentException("'" + app.appid() + "' is not an appid (letters, digits, '_' or '-', at most 32)");
            }
            WeChatApp earlier = map.putIfAbsent(app.appid(), app);
            if (earlier != null && !earlier.secret().equals(app.secret())) {
                throw new IllegalArgumentException("appid " + app.appid() + " is configured twice with different secrets");
            }
        }
        this.byAppid = Collections.unmodifiableMap(map);
    }

    /** Whether {@code appid} could be an appid at all (before looking it up). */
    public static boolean isWellFormed(String appid) {
        return appid != null && APPID.matcher(appid).matches();
    }

    /** The first configured app: the one a single-app deployment serves. */
    public WeChatApp defaultApp() {
        return byAppid.values().iterator().next();
    }

    /** The app with this appid, if this deployment serves it. */
    public Optional<WeChatApp> find(String appid) {
        return Optional.ofNullable(appid == null ? null : byAppid.get(appid));
    }

    /** @throws ApiException APP_UNKNOWN when this deployment does not serve {@code appid} */
    public WeChatApp require(String appid) {
        return find(appid).orElseThrow(() -> new ApiException(ApiError.APP_UNKNOWN));
    }

    /** Every app, default first. */
    public List<WeChatApp> all() {
        return List.copyOf(byAppid.values());
    }

    public int size() {
        return byAppid.size();
    }

    @Override
    public String toString() {
        return "WeChatApps" + byAppid.keySet();
    }
}
