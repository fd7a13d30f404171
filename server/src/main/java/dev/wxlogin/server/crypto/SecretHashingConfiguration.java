package dev.wxlogin.server.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link SecretHashing} of the process: {@link SecretHashing#standard()}. */
@Configuration(proxyBeanMethods = false)
class SecretHashingConfiguration {

    @Bean
    SecretHashing secretHashing() {
        return SecretHashing.standard();
    }
}
