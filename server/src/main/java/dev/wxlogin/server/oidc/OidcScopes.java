package dev.wxlogin.server.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scopes websites may ask for, with what the mini program's confirm page says about each. */
public final class OidcScopes {

    /** Required: an ID token naming the user by our user id. */
    public static final String OPENID = "openid";
    /** Nickname, avatar, gender, locale. */
    public static final String PROFILE = "profile";
    /** WeChat's unionid: the same person across the Open Platform account's apps. */
    public static final String UNIONID = "unionid";

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(OPENID, "Your account id on this service");
        DESCRIPTIONS.put(PROFILE, "Your nickname and avatar");
        DESCRIPTIONS.put(UNIONID, "Your WeChat unionid (links your accounts across our apps)");
    }

    private OidcScopes() {
    }

    /** Every supported scope, in the order the discovery document lists them. */
    public static List<String> supported() {
        return List.copyOf(DESCRIPTIONS.keySet());
    }

    /** What the confirm page shows for {@code scope}. */
    public static String description(String scope) {
        return DESCRIPTIONS.getOrDefault(scope, scope);
    }
}
