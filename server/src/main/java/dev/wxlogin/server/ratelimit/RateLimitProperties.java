package dev.wxlogin.server.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, per minute; 0 turns one off.
 *
 * @param perClientIp        logins a client address may attempt per minute, checked before WeChat is called
 * @param perUser            logins one user (appid and openid) may complete per minute
 * @param phonePerUser       phone bindings one user may attempt per minute ({@link UserAction#PHONE_BINDING})
 * @param sessionCheckPerUser session-key checks one user may ask for per minute ({@link UserAction#SESSION_CHECK})
 * @param decryptPerUser     decryptions one user may ask for per minute ({@link UserAction#DECRYPT})
 * @param avatarPerUser      avatar uploads one user may make per minute ({@link UserAction#AVATAR_UPLOAD})
 * @param linkPerUser        account links one user may confirm or remove per minute ({@link UserAction#ACCOUNT_LINKING})
 * @param scanPagePerClientIp scan pages ({@code /login/scan}) a client address may load per minute: each makes a
 *                           ticket and a mini-program code, a billed WeChat call
 */
@ConfigurationProperties("wxlogin.rate-limit")
public record RateLimitProperties(@DefaultValue("600") int perClientIp, @DefaultValue("30") int perUser,
                                  @DefaultValue("5") int phonePerUser, @DefaultValue("10") int sessionCheckPerUser,
                                  @DefaultValue("30") int decryptPerUser, @DefaultValue("10") int avatarPerUser,
                                  @DefaultValue("20") int scanPagePerClientIp, @DefaultValue("5") int linkPerUser) {

    public RateLimitProperties {
        if (perClientIp < 0 || perUser < 0 || phonePerUser < 0 || sessionCheckPerUser < 0 || decryptPerUser < 0 || avatarPerUser < 0
                || scanPagePerClientIp < 0 || linkPerUser < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
    }

    /** How many times per minute one user may do this. */
    public int perUser(UserAction action) {
        return switch (action) {
            case PHONE_BINDING -> phonePerUser;
            case SESSION_CHECK -> sessionCheckPerUser;
            case DECRYPT -> decryptPerUser;
            case AVATAR_UPLOAD -> avatarPerUser;
            case ACCOUNT_LINKING -> linkPerUser;
        };
    }
}
