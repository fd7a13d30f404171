package dev.wxlogin.sandbox;

import java.util.Objects;

/**
 * A mini program registered in the sandbox.
 *
 * @param appid       its AppID
 * @param secret      its AppSecret
 * @param unionBound  whether it is bound to an Open Platform account, so that code2Session and its
 *                    encrypted data carry a unionid shared with the other bound apps
 */
public record SandboxApp(String appid, String secret, boolean unionBound) {

    /** The app the sandbox registers when told nothing else. */
    public static final String DEFAULT_APPID = "wxsandbox000000001";

    public SandboxApp {
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "SandboxApp[appid=" + appid + ", secret=***, unionBound=" + unionBound + "]";
    }
}
