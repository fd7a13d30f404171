package dev.wxlogin.server.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.alipay.gateway.AlipayClientSettings;
import dev.wxlogin.alipay.gateway.AlipayGatewayClient;
import dev.wxlogin.alipay.oauth.OauthTokenClient;
import dev.wxlogin.alipay.phone.PhoneNumberDecryptor;
import dev.wxlogin.douyin.DouyinApiTransport;
import dev.wxlogin.douyin.DouyinClientSettings;
import dev.wxlogin.douyin.DouyinCode2SessionClient;
import dev.wxlogin.qq.QqClientSettings;
import dev.wxlogin.qq.QqCode2SessionClient;
import dev.wxlogin.server.config.PlatformEndpoints;
import dev.wxlogin.server.config.WxLoginProperties;

/**
 * The protocol cores of Douyin, QQ and Alipay, at the addresses {@link PlatformEndpoints} gives (the
 * platforms', or the sandbox's), with WeChat's connect and request timeouts.
 */
@Configuration(proxyBeanMethods = false)
class PlatformClientsConfiguration {

    @Bean
    DouyinCode2SessionClient douyinCode2SessionClient(PlatformEndpoints endpoints, WxLoginProperties properties) {
        return new DouyinCode2SessionClient(new DouyinApiTransport(new DouyinClientSettings(endpoints.douyin(),
                properties.wechat().connectTimeout(), properties.wechat().requestTimeout())));
    }

    @Bean
    QqCode2SessionClient qqCode2SessionClient(PlatformEndpoints endpoints, WxLoginProperties properties) {
        return new QqCode2SessionClient(new QqClientSettings(endpoints.qq(), properties.wechat().connectTimeout(),
                properties.wechat().requestTimeout()));
    }

    @Bean
    OauthTokenClient alipayOauthTokenClient(PlatformEndpoints endpoints, WxLoginProperties properties) {
        return new OauthTokenClient(new AlipayGatewayClient(new AlipayClientSettings(endpoints.alipayGateway(),
                properties.wechat().connectTimeout(), properties.wechat().requestTimeout())));
    }

    @Bean
    PhoneNumberDecryptor alipayPhoneNumberDecryptor() {
        return new PhoneNumberDecryptor();
    }
}
