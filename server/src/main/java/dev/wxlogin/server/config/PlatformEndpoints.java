package dev.wxlogin.server.config;

import java.net.URI;
import java.util.Objects;

import org.slf4j.Logger;

import dev.wxlogin.alipay.gateway.AlipayClientSettings;
import dev.wxlogin.douyin.DouyinClientSettings;
import dev.wxlogin.qq.QqClientSettings;

/**
 * Where the platforms other than WeChat are reached: their production hosts by default, the sandbox's
 * stand-ins in sandbox mode.
 *
 * @param douyin        Douyin's API base
 * @param qq            QQ's API base
 * @param alipayGateway Alipay's OpenAPI gateway
 */
public record PlatformEndpoints(URI douyin, URI qq, URI alipayGateway) {

    public PlatformEndpoints {
        Objects.requireNonNull(douyin, "douyin");
        Objects.requireNonNull(qq, "qq");
        Objects.requireNonNull(alipayGateway, "alipayGateway");
    }

    /** Says so when an address is not the platform's production one, as for WeChat's. */
    void warnIfNotProduction(Logger log) {
        if (!DouyinClientSettings.PRODUCTION.equals(douyin)) {
            log.warn("Douyin base URL is {}, not Douyin's production address", douyin);
        }
        if (!QqClientSettings.PRODUCTION.equals(qq)) {
            log.warn("QQ base URL is {}, not QQ's production address", qq);
        }
        if (!AlipayClientSettings.PRODUCTION.equals(alipayGateway)) {
            log.warn("Alipay gateway URL is {}, not Alipay's production address", alipayGateway);
        }
    }
}
