package dev.wxlogin.sandbox;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/** The mini programs the sandbox knows, the first being the default of {@code /sandbox/...} calls. */
final class RegisteredApps {

    private final Map<String, SandboxApp> byAppid;
    private final SandboxApp defaultApp;

    RegisteredApps(List<SandboxApp> apps) {
        this.byAppid = apps.stream().collect(Collectors.toUnmodifiableMap(SandboxApp::appid, Function.identity()));
        this.defaultApp = apps.get(0);
    }

    Map<String, SandboxApp> byAppid() {
        return byAppid;
    }

    /** The app, or {@code null} when the sandbox does not know it. */
    SandboxApp find(String appid) {
        return byAppid.get(appid);
    }

    /** The app a {@code /sandbox/...} body names in {@code appid}, else the default one. */
    SandboxApp require(JsonNode request) {
        String appid = request.path("appid").asString(defaultApp.appid());
        SandboxApp app = byAppid.get(appid);
        if (app == null) {
            throw new BadSandboxRequest("unknown appid " + appid);
        }
        return app;
    }
}
