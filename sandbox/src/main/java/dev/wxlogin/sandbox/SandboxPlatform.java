package dev.wxlogin.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The mini-program platforms the sandbox can stand in for. Each serves its own APIs under its own
 * base URL ({@link SandboxWeChat#baseUrl(SandboxPlatform)}): WeChat at the root as before, the
 * others under a path prefix, so that a service pointed at the wrong platform's address gets a 404
 * instead of another platform's answer (QQ's API has the very paths WeChat's has).
 */
public enum SandboxPlatform {
    /** WeChat ({@code wx.login}), the sandbox's original platform: no prefix. */
    WECHAT(""),
    /** Douyin ({@code tt.login}): {@code POST /douyin/api/apps/v2/jscode2session}. */
    DOUYIN("/douyin"),
    /** Alipay ({@code my.getAuthCode}): {@code POST /alipay/gateway.do}, requests and answers RSA2-signed. */
    ALIPAY("/alipay"),
    /** QQ ({@code qq.login}): {@code GET /qq/sns/jscode2session}. */
    QQ("/qq");

    private final String pathPrefix;

    SandboxPlatform(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }

    /** The name in {@code /sandbox/...} requests and answers: {@code wechat}, {@code douyin}, {@code alipay}, {@code qq}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where this platform's APIs live below the sandbox's root: empty for WeChat, e.g. {@code /douyin}. */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** The platform a {@code /sandbox/...} request names, if it names one of them (exact, lower case). */
    public static Optional<SandboxPlatform> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }

    /** {@code wechat, douyin, alipay, qq}: for error messages. */
    static String wireNames() {
        return Arrays.stream(values()).map(SandboxPlatform::wireName).collect(Collectors.joining(", "));
    }
}
