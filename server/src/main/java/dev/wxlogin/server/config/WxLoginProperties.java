package dev.wxlogin.server.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the service is told under {@code wxlogin.*}; the README's configuration table lists
 * each with its {@code WXLOGIN_...} environment variable (mapped in {@code application.yml}).
 *
 * @param appid            the mini program's AppID
 * @param secret           its AppSecret
 * @param watermarkMaxAge  the oldest encrypted data accepted; zero turns the freshness check off
 * @param maxRequestSize   the largest JSON body accepted
 * @param wechat           how to reach WeChat
 * @param sandbox          the in-process sandbox WeChat
 */
@ConfigurationProperties("wxlogin")
public record WxLoginProperties(
        String appid,
        String secret,
        @DefaultValue("10m") Duration watermarkMaxAge,
        @DefaultValue("64KB") DataSize maxRequestSize,
        @DefaultValue WeChat wechat,
        @DefaultValue Sandbox sandbox) {

    /**
     * @param baseUrl        WeChat's API base
     * @param connectTimeout TCP/TLS connect timeout
     * @param requestTimeout whole-answer timeout
     * @param busyRetries    retries of a {@code -1 busy} answer
     * @param busyBackoff    pause before the first retry, doubled after
     */
    public record WeChat(
            @DefaultValue("https://api.weixin.qq.com") URI baseUrl,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("2") int busyRetries,
            @DefaultValue("100ms") Duration busyBackoff) {
    }

    /**
     * @param enabled whether to start the sandbox WeChat in-process and use it instead of WeChat
     * @param port    its port; 0 picks a free one
     */
    public record Sandbox(@DefaultValue("false") boolean enabled, @DefaultValue("9010") int port) {
    }

    @Override
    public String toString() {
        return "WxLoginProperties[appid=" + appid + ", secret=***, wechat=" + wechat + ", sandbox=" + sandbox + "]";
    }
}
