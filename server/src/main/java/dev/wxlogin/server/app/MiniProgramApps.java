package dev.wxlogin.server.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * Every mini program this deployment serves, on every platform, by appid (an appid names one app across
 * all platforms). Immutable; the WeChat ones are also {@link WeChatApps}, which the WeChat endpoints use.
 * Never prints a secret or a key.
 */
public final class MiniProgramApps {

    private final Map<String, MiniProgramApp> byAppid;

    /**
     * @param apps the apps, default first; an appid listed twice must say the same both times
     * @throws IllegalArgumentException no app, a malformed appid, or one appid configured two ways
     */
    public MiniProgramApps(List<MiniProgramApp> apps) {
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("at least one app is needed");
        }
        Map<String, MiniProgramApp> map = new LinkedHashMap<>();
        for (MiniProgramApp app : apps) {
            if (!WeChatApps.isWellFormed(app.appid())) {
                throw new IllegalArgumentException("'" + app.appid() + "' is not an appid (letters, digits, '_' or '-', at most 32)");
            }
            MiniProgramApp earlier = map.putIfAbsent(app.appid(), app);
            if (earlier != null && !earlier.sameAs(app)) {
                throw new IllegalArgumentException("appid " + app.appid() + " is configured twice, differently (" + earlier.platform().wireName()
                        + " and " + app.platform().wireName() + ", or two secrets or key sets)");
            }
        }
        this.byAppid = Collections.unmodifiableMap(map);
    }

    /**
     * Reads {@code WXLOGIN_APPS}: entries separated by commas, blanks around them ignored, each
     * {@code appid:secret} (a WeChat app) or {@code platform/appid:secret} with platform {@code wechat},
     * {@code douyin} or {@code qq}. The secret is everything after the first colon. Alipay apps need keys,
     * not a secret, and are configured otherwise. Error messages name the entry's position, never its
     * content, as it holds a secret.
     *
     * @throws IllegalArgumentException an entry that is not of that shape, or names an unknown platform or Alipay
     */
    public static List<MiniProgramApp> parse(String text) {
        List<MiniProgramApp> apps = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return apps;
        }
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String name = colon < 0 ? "" : entry.substring(0, colon).trim();
            String secret = colon < 0 ? "" : entry.substring(colon + 1).trim();
            Platform platform = Platform.WECHAT;
            int slash = name.indexOf('/');
            if (slash >= 0) {
                String platformName = name.substring(0, slash);
                int position = i + 1;
                platform = Platform.fromWireName(platformName).orElseThrow(() -> new IllegalArgumentException(
                        "WXLOGIN_APPS entry " + position + " names an unknown platform; known: " + Platform.wireNames()));
                name = name.substring(slash + 1).trim();
            }
            if (name.isEmpty() || secret.isEmpty()) {
                throw new IllegalArgumentException("WXLOGIN_APPS entry " + (i + 1) + " is not 'appid:secret' or 'platform/appid:secret'");
            }
            if (platform == Platform.ALIPAY) {
                throw new IllegalArgumentException("WXLOGIN_APPS entry " + (i + 1) + " is an Alipay app: Alipay apps need keys, not a"
                        + " secret; configure them with WXLOGIN_ALIPAY_APPID/_PRIVATE_KEY/_PUBLIC_KEY/_CONTENT_KEY or wxlogin.extra-apps");
            }
            apps.add(MiniProgramApp.withSecret(platform, name, secret));
        }
        return apps;
    }

    /** The app with this appid, whatever its platform, if this deployment serves it. */
    public Optional<MiniProgramApp> find(String appid) {
        return Optional.ofNullable(appid == null ? null : byAppid.get(appid));
    }

    /** @throws ApiException APP_UNKNOWN when this deployment does not serve {@code appid} */
    public MiniProgramApp require(String appid) {
        return find(appid).orElseThrow(() -> new ApiException(ApiError.APP_UNKNOWN));
    }

    /** Every app, in the order configured. */
    public List<MiniProgramApp> all() {
        return List.copyOf(byAppid.values());
    }

    /** The apps of one platform, in the order configured. */
    public List<MiniProgramApp> of(Platform platform) {
        return byAppid.values().stream().filter(app -> app.platform() == platform).toList();
    }

    /** The WeChat apps, as the WeChat endpoints know them. */
    public WeChatApps weChatApps() {
        return new WeChatApps(of(Platform.WECHAT).stream().map(MiniProgramApp::weChatApp).toList());
    }

    public int size() {
        return byAppid.size();
    }

    @Override
    public String toString() {
        return "MiniProgramApps" + byAppid.values();
    }
}
