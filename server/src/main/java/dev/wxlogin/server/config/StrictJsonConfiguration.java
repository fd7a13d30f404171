package dev.wxlogin.server.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.StreamReadFeature;

/**
 * Request bodies with a key given twice ({@code {"code":"a","code":"b"}}) are refused as malformed
 * (400 {@code MALFORMED_BODY}) rather than read as the last one: two parsers of one body (a proxy,
 * a WAF, us) must not see two different requests. Decrypted WeChat data is read as strictly.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictDuplicateDetection() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
