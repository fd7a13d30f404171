package dev.wxlogin.server.config;

import java.util.ArrayList;
import java.util.List;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.keys.AlipayKeyException;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;

/**
 * The apps the configuration names, on every platform, default first: {@code WXLOGIN_APPID}/{@code WXLOGIN_SECRET},
 * then {@code wxlogin.extra-apps[i]}, then {@code WXLOGIN_APPS}, then the Alipay app of {@code WXLOGIN_ALIPAY_*}.
 * Alipay keys are parsed and checked here, so a wrong one stops the start naming the app and the setting,
 * never quoting the key.
 */
final class ConfiguredApps {

    private ConfiguredApps() {
    }

    /**
     * @return the apps configured; empty when none is
     * @throws StartRefusedException an Alipay app whose key is wrong, or an app of an unknown platform
     * @throws IllegalArgumentException an entry without its appid or secret
     */
    static List<MiniProgramApp> read(WxLoginProperties properties) {
        List<MiniProgramApp> apps = new ArrayList<>();
        if (!isBlank(properties.appid()) && !isBlank(properties.secret())) {
            apps.add(MiniProgramApp.withSecret(Platform.WECHAT, properties.appid().trim(), properties.secret().trim()));
        }
        if (properties.extraApps() != null) {
            for (int i = 0; i < properties.extraApps().size(); i++) {
                apps.add(extraApp(properties.extraApps().get(i), "wxlogin.extra-apps[" + i + "]"));
            }
        }
        apps.addAll(MiniProgramApps.parse(properties.appList()));
        WxLoginProperties.Alipay alipay = properties.alipay();
        if (!isBlank(alipay.appid()) || !isBlank(alipay.privateKey()) || !isBlank(alipay.publicKey())) {
            apps.add(alipayApp(alipay.appid(), alipay.privateKey(), alipay.publicKey(), alipay.contentKey(),
                    new KeySettings("WXLOGIN_ALIPAY_APPID", "WXLOGIN_ALIPAY_PRIVATE_KEY", "WXLOGIN_ALIPAY_PUBLIC_KEY", "WXLOGIN_ALIPAY_CONTENT_KEY")));
        }
        return apps;
    }

    private static MiniProgramApp extraApp(WxLoginProperties.App app, String setting) {
        if (app == null || isBlank(app.appid())) {
            throw new IllegalArgumentException("every wxlogin.extra-apps entry needs an appid (" + setting + ".appid)");
        }
        Platform platform = isBlank(app.platform()) ? Platform.WECHAT : Platform.fromWireName(app.platform())
                .orElseThrow(() -> new StartRefusedException(setting + ".platform of app " + app.appid().trim()
                        + " is not a platform wxlogin serves", "Set it to one of: " + Platform.wireNames() + "."));
        if (platform == Platform.ALIPAY) {
            return alipayApp(app.appid(), app.privateKey(), app.alipayPublicKey(), app.contentKey(), new KeySettings(setting + ".appid",
                    setting + ".private-key", setting + ".alipay-public-key", setting + ".content-key"));
        }
        if (isBlank(app.secret())) {
            throw new IllegalArgumentException("every wxlogin.extra-apps entry needs an appid and a secret (" + setting + ".secret)");
        }
        return MiniProgramApp.withSecret(platform, app.appid().trim(), app.secret().trim());
    }

    /** The names of one Alipay app's settings, for messages. */
    private record KeySettings(String appid, String privateKey, String publicKey, String contentKey) {

        String of(AlipayKeyException.Reason reason) {
            String name = reason.name();
            if (name.startsWith("PRIVATE_KEY")) {
                return privateKey;
            }
            if (name.startsWith("PUBLIC_KEY")) {
                return publicKey;
            }
            return reason == AlipayKeyException.Reason.CONTENT_KEY_INVALID ? contentKey : appid;
        }
    }

    private static MiniProgramApp alipayApp(String appid, String privateKey, String publicKey, String contentKey, KeySettings settings) {
        String named = isBlank(appid) ? "(no APPID)" : appid.trim();
        try {
            return MiniProgramApp.of(AlipayApp.of(appid == null ? null : appid.trim(), privateKey, publicKey, contentKey));
        } catch (AlipayKeyException e) {
            // The core's messages name the problem and never quote the key.
            throw new StartRefusedException("Alipay app " + named + ": " + settings.of(e.reason()) + " is wrong (" + e.code() + "): "
                    + e.getMessage(), "Fix " + settings.of(e.reason()) + " (see docs/platforms/alipay.md, 'Keys wxlogin checks at start').");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
