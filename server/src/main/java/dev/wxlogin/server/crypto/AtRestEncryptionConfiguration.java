package dev.wxlogin.server.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.server.config.StartRefusedException;
import dev.wxlogin.server.config.WxLoginProperties;

/** The one {@link AtRestEncryption} of the process, from {@code WXLOGIN_KEY_ENCRYPTION_SECRET[_PREVIOUS]}. */
@Configuration(proxyBeanMethods = false)
class AtRestEncryptionConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AtRestEncryptionConfiguration.class);

    /** The shortest key-encryption secret accepted: 32 characters of base64 carry 192 bits. */
    static final int MINIMUM_SECRET_LENGTH = 32;

    @Bean
    AtRestEncryption atRestEncryption(WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        AtRestEncryption encryption = new AtRestEncryption(token.keyEncryptionSecret(), token.keyEncryptionSecretPrevious());
        if (encryption.enabled() && token.keyEncryptionSecret().strip().length() < MINIMUM_SECRET_LENGTH) {
            throw new StartRefusedException("WXLOGIN_KEY_ENCRYPTION_SECRET is too short (under "
                    + MINIMUM_SECRET_LENGTH + " characters) to seal the signing keys and session keys",
                    "Set WXLOGIN_KEY_ENCRYPTION_SECRET to at least " + MINIMUM_SECRET_LENGTH
                            + " random characters, e.g. from 'openssl rand -base64 32'.");
        }
        if (!encryption.enabled()) {
            if (!properties.sandbox().enabled()) {
                throw new StartRefusedException("WXLOGIN_KEY_ENCRYPTION_SECRET is not set, and the signing keys and session keys must be stored sealed",
                        "Set WXLOGIN_KEY_ENCRYPTION_SECRET to at least " + MINIMUM_SECRET_LENGTH
                                + " random characters (e.g. from 'openssl rand -base64 32') and keep it: losing it loses the keys.");
            }
            LOG.warn("WXLOGIN_KEY_ENCRYPTION_SECRET is not set: private signing keys and WeChat session keys are stored "
                    + "unencrypted in the database (sandbox mode only)");
        }
        return encryption;
    }
}
