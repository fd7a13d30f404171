package dev.wxlogin.sandbox.alipay;

import java.security.PublicKey;
import java.util.Objects;

import dev.wxlogin.alipay.keys.ContentKey;

/**
 * A mini program as Alipay's side knows it: what its developer uploaded and set on the console.
 *
 * @param appId        its APPID
 * @param appPublicKey the public half of the app's RSA2 key ("应用公钥"), which checks the app's requests
 * @param contentKey   the content-encryption key the console generated, which encrypts the phone number
 * @param openIdMode   whether the app is on Alipay's openid standard: {@code alipay.system.oauth.token}
 *                     answers {@code open_id} (per app) instead of {@code user_id} (2088…, the same everywhere)
 */
public record SandboxAlipayApp(String appId, PublicKey appPublicKey, ContentKey contentKey, boolean openIdMode) {

    public SandboxAlipayApp {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appPublicKey, "appPublicKey");
        Objects.requireNonNull(contentKey, "contentKey");
    }
}
