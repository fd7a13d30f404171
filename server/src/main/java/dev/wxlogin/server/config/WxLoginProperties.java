package dev.wxlogin.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.wxlogin.wechat.token.AccessTokenEndpoint;

/**
 * What the service is told under {@code wxlogin.*}, with every default ({@code @DefaultValue});
 * rate limits and Redis have records of their own. The configuration table (docs/configuration.md) lists each
 * setting with its {@code WXLOGIN_...} environment variable (mapped by {@link EnvironmentVariableMapping}).
 *
 * @param appid            the default mini program's AppID
 * @param secret           its AppSecret
 * @param extraApps        more mini programs served by the same deployment ({@code wxlogin.extra-apps[i].appid/secret};
 *                         not {@code wxlogin.apps}, which relaxed binding would read from {@code WXLOGIN_APPS})
 * @param appList          more mini programs as {@code appid:secret,appid:secret} ({@code WXLOGIN_APPS})
 * @param watermarkMaxAge  the oldest encrypted data accepted; zero turns the freshness check off
 * @param maxRequestSize   the largest JSON body accepted
 * @param dataDir          where the embedded database and, by default, the avatars live
 * @param wechat           how to reach WeChat
 * @param douyin           how to reach Douyin
 * @param qq               how to reach QQ
 * @param alipay           how to reach Alipay, and one Alipay app configured by environment variables
 * @param sandbox          the in-process sandbox WeChat
 * @param token            our own access and refresh tokens
 * @param avatar           avatar uploads
 * @param phone            phone number binding
 */
@ConfigurationProperties("wxlogin")
public record WxLoginProperties(
        String appid,
        String secret,
        List<App> extraApps,
        String appList,
        @DefaultValue("10m") Duration watermarkMaxAge,
        @DefaultValue("64KB") DataSize maxRequestSize,
        @DefaultValue(DEFAULT_DATA_DIR) Path dataDir,
        @DefaultValue WeChat wechat,
        @DefaultValue Douyin douyin,
        @DefaultValue Qq qq,
        @DefaultValue Alipay alipay,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Token token,
        @DefaultValue Avatar avatar,
        @DefaultValue Phone phone) {

    /** Where data lives unless {@code wxlogin.data-dir} says otherwise. */
    public static final String DEFAULT_DATA_DIR = "./data";

    public WxLoginProperties {
        if (avatar.dir() == null) {
            avatar = new Avatar(dataDir.resolve("avatars"), avatar.maxSize());
        }
    }

    /**
     * One more mini program.
     *
     * @param platform        {@code wechat} (when blank), {@code douyin}, {@code alipay} or {@code qq}
     * @param appid           its AppID
     * @param secret          its AppSecret (not on Alipay)
     * @param privateKey      Alipay only: the app's RSA2 private key (PKCS#8 or PKCS#1, PEM or bare base64)
     * @param alipayPublicKey Alipay only: Alipay's public key for the app
     * @param contentKey      Alipay only, optional: the AES content key, for phone numbers
     */
    public record App(String platform, String appid, String secret, String privateKey, String alipayPublicKey, String contentKey) {

        @Override
        public String toString() {
            return "App[platform=" + platform + ", appid=" + appid + ", secret=***, keys=***]";
        }
    }

    /**
     * @param baseUrl        WeChat's API base
     * @param connectTimeout TCP/TLS connect timeout
     * @param requestTimeout whole-answer timeout
     * @param busyRetries    retries of a {@code -1 busy} answer
     * @param busyBackoff    pause before the first retry, doubled after
     * @param tokenEndpoint  where access_tokens come from: {@code stable} ({@code /cgi-bin/stable_token}) or {@code legacy} ({@code /cgi-bin/token})
     */
    public record WeChat(
            @DefaultValue("https://api.weixin.qq.com") URI baseUrl,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("2") int busyRetries,
            @DefaultValue("100ms") Duration busyBackoff,
            @DefaultValue("stable") AccessTokenEndpoint tokenEndpoint) {
    }

    /** @param baseUrl Douyin's API base ({@code https://open-sandbox.douyin.com} for apps of Douyin's own sandbox) */
    public record Douyin(@DefaultValue("https://developer.toutiao.com") URI baseUrl) {
    }

    /** @param baseUrl QQ's API base */
    public record Qq(@DefaultValue("https://api.q.qq.com") URI baseUrl) {
    }

    /**
     * @param gatewayUrl Alipay's OpenAPI gateway
     * @param appid      one Alipay app's APPID ({@code WXLOGIN_ALIPAY_APPID}); more go in {@code wxlogin.extra-apps}
     * @param privateKey its RSA2 private key
     * @param publicKey  Alipay's public key for it
     * @param contentKey its AES content key, for phone numbers; optional
     */
    public record Alipay(@DefaultValue("https://openapi.alipay.com/gateway.do") URI gatewayUrl, String appid, String privateKey,
                         String publicKey, String contentKey) {

        @Override
        public String toString() {
            return "Alipay[gatewayUrl=" + gatewayUrl + ", appid=" + appid + ", keys=***]";
        }
    }

    /**
     * @param enabled whether to start the sandbox WeChat in-process and use it instead of WeChat
     * @param port          its port; 0 picks a free one
     * @param tokenLifetime how long the sandbox's access_tokens live (WeChat: 7200 s)
     */
    public record Sandbox(@DefaultValue("false") boolean enabled, @DefaultValue("9010") int port,
                          @DefaultValue("7200s") Duration tokenLifetime) {
    }

    /**
     * @param issuer                the {@code iss} of our access tokens; the service's public base URL
     *                              (default {@code http://localhost:<server.port>}, derived by {@link EnvironmentVariableMapping})
     * @param audience              their {@code aud}
     * @param accessTokenTtl        how long an access token is valid
     * @param refreshTokenTtl       how long a refresh token is valid; every refresh issues a new one
     * @param refreshReuseGrace     how long after its rotation a refresh token presented again answers the same
     *                              pair instead of revoking its family; zero turns the window off
     * @param signingKeyRotateAfter age after which the signing key is replaced by a new one
     * @param clockSkew             leeway when checking {@code exp}, {@code nbf} and {@code iat}
     * @param keyEncryptionSecret   when set, private signing keys and WeChat session keys are stored sealed with it
     * @param keyEncryptionSecretPrevious the secret being rotated away from: still opens what it sealed,
     *                              which start-up seals again under {@code keyEncryptionSecret}
     */
    public record Token(
            String issuer,
            @DefaultValue("wxlogin") String audience,
            @DefaultValue("2h") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl,
            @DefaultValue("30s") Duration refreshReuseGrace,
            @DefaultValue("30d") Duration signingKeyRotateAfter,
            @DefaultValue("1d") Duration signingKeyPublishAhead,
            @DefaultValue("30s") Duration clockSkew,
            String keyEncryptionSecret,
            String keyEncryptionSecretPrevious) {

        /** Whether a key-encryption secret was configured. */
        public boolean encryptsPrivateKeys() {
            return keyEncryptionSecret != null && !keyEncryptionSecret.isBlank();
        }

        @Override
        public String toString() {
            return "Token[issuer=" + issuer + ", audience=" + audience + ", accessTokenTtl=" + accessTokenTtl
                    + ", refreshTokenTtl=" + refreshTokenTtl + ", refreshReuseGrace=" + refreshReuseGrace
                    + ", signingKeyRotateAfter=" + signingKeyRotateAfter + ", signingKeyPublishAhead=" + signingKeyPublishAhead
                    + ", keyEncryptionSecret=" + (encryptsPrivateKeys() ? "***" : "none")
                    + ", keyEncryptionSecretPrevious=" + (keyEncryptionSecretPrevious == null || keyEncryptionSecretPrevious.isBlank() ? "none" : "***")
                    + "]";
        }
    }

    /**
     * @param dir     where uploaded avatars are stored; by default {@code avatars} in the data dir
     * @param maxSize the largest avatar image accepted
     */
    public record Avatar(Path dir, @DefaultValue("2MB") DataSize maxSize) {
    }

    /**
     * @param pendingTimeout how long a phone code's exchange may stay PENDING (its request crashed or
     *                       was cut off) before a retry with that code is answered PHONE_CODE_ABANDONED;
     *                       never shorter than the WeChat request timeout plus 2 s
     */
    public record Phone(@DefaultValue("1m") Duration pendingTimeout) {
    }

    @Override
    public String toString() {
        return "WxLoginProperties[appid=" + appid + ", secret=***, extraApps=" + extraApps + ", appList=***, dataDir=" + dataDir + ", wechat=" + wechat + ", douyin=" + douyin + ", qq=" + qq + ", alipay=" + alipay + ", sandbox=" + sandbox
                + ", token=" + token + ", avatar=" + avatar + ", phone=" + phone + "]";
    }
}
