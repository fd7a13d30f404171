package dev.wxlogin.sandbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * The mini programs the sandbox knows. The first app of each platform is that platform's default
 * for {@code /sandbox/...} calls that name no appid (sandbox mode's demo app).
 */
final class RegisteredApps {

    private final Map<String, SandboxApp> byAppid;
    private final Map<SandboxPlatform, SandboxApp> defaults = new EnumMap<>(SandboxPlatform.class);

    RegisteredApps(List<SandboxApp> apps) {
        this.byAppid = apps.stream().collect(Collectors.toUnmodifiableMap(SandboxApp::appid, Function.identity()));
        apps.forEach(app -> defaults.putIfAbsent(app.platform(), app));
    }

    Map<String, SandboxApp> byAppid() {
        return byAppid;
    }

    /** The WeChat app, or {@code null} when the sandbox knows no WeChat app by that appid. */
    SandboxApp find(String appid) {
        return find(SandboxPlatform.WECHAT, appid);
    }

    /** The platform's app, or {@code null}: another platform's APIs never serve it. */
    SandboxApp find(SandboxPlatform platform, String appid) {
        SandboxApp app = byAppid.get(appid);
        return app != null && app.platform() == platform ? app : null;
    }

    /**
     * The app a {@code /sandbox/...} body names: its {@code appid} on any platform (which must then
     * match its {@code platform}, when given), else the default app of its {@code platform} (WeChat
     * when absent).
     */
    SandboxApp require(JsonNode request) {
        JsonNode appid = request.get("appid");
        if (appid == null || appid.isNull()) {
            return defaultOf(platformOf(request));
        }
        SandboxApp app = byAppid.get(appid.asString(""));
        if (app == null) {
            throw new BadSandboxRequest("unknown appid " + appid.asString(""));
        }
        if (request.hasNonNull("platform") && platformOf(request) != app.platform()) {
            throw new BadSandboxRequest("appid " + app.appid() + " is a " + app.platform().wireName() + " app, not "
                    + platformOf(request).wireName());
        }
        return app;
    }

    /** The platform's demo app: the first registered. */
    SandboxApp defaultOf(SandboxPlatform platform) {
        SandboxApp app = defaults.get(platform);
        if (app == null) {
            throw new BadSandboxRequest("the sandbox serves no " + platform.wireName() + " app");
        }
        return app;
    }

    /** The {@code platform} a {@code /sandbox/...} body names, WeChat when absent. */
    static SandboxPlatform platformOf(JsonNode request) {
        JsonNode platform = request.get("platform");
        if (platform == null || platform.isNull()) {
            return SandboxPlatform.WECHAT;
        }
        return SandboxPlatform.fromWireName(platform.isString() ? platform.asString() : "")
                .orElseThrow(() -> new BadSandboxRequest("platform must be one of " + SandboxPlatform.wireNames()));
    }
}
