package dev.wxlogin.server.user;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.wxlogin.server.config.WxLoginProperties;

/**
 * Multipart limits from {@code wxlogin.avatar.max-size}, the only upload there is, so that an
 * oversized avatar is refused while it is read (and answered AVATAR_TOO_LARGE) rather than buffered.
 */
@Configuration(proxyBeanMethods = false)
class AvatarUploadConfiguration {

    /** Room for the multipart boundaries and part headers around the file. */
    private static final long ENVELOPE_BYTES = 16 * 1024;

    @Bean
    MultipartConfigElement multipartConfigElement(WxLoginProperties properties) {
        long maxFile = properties.avatar().maxSize().toBytes();
        return new MultipartConfigElement(null, maxFile, maxFile + ENVELOPE_BYTES, 0);
    }
}
