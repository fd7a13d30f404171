package dev.wxlogin.server.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.server.config.WxLoginProperties;

/** The one {@link AtRestEncryption} of the process, from {@code WXLOGIN_KEY_ENCRYPTION_SECRET[_PREVIOUS]}. */
@Configuration(proxyBeanMethods = false)
class AtRestEncryptionConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AtRestEncryptionConfiguration.class);

    @Bean
    AtRestEncryption atRestEncryption(WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        AtRestEncryption encryption = new AtRestEncryption(token.keyEncryptionSecret(), token.keyEncryptionSecretPrevious());
        if (!encryption.enabled()) {
            LOG.warn("WXLOGIN_KEY_ENCRYPTION_SECRET is not set: private signing keys and WeChat session keys are stored "
                    + "unencrypted in the database");
        }
        return encryption;
    }
}
