package dev.wxlogin.server.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login rate limits, per minute; 0 turns one off.
 *
 * @param perClientIp logins a client address may attempt per minute, checked before WeChat is called
 * @param perUser     logins one user (appid and openid) may complete per minute
 */
@ConfigurationProperties("wxlogin.rate-limit")
public record RateLimitProperties(@DefaultValue("600") int perClientIp, @DefaultValue("30") int perUser) {

    public RateLimitProperties {
        if (perClientIp < 0 || perUser < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
    }
}
