package dev.wxlogin.server.user;

import java.util.function.UnaryOperator;

import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.wechat.crypto.DecryptedData;

/**
 * The profile fields a mini program may give. Any field may be {@code null}: unknown.
 *
 * @param gender 0 unknown, 1 male, 2 female, as WeChat counts
 */
public record UserProfile(String nickname, String avatarUrl, Integer gender, String country, String province,
                          String city, String language) {

    /** The nickname current WeChat versions give in place of the real one. */
    static final String ANONYMOUS_NICKNAME = "微信用户";

    public static final UserProfile EMPTY = new UserProfile(null, null, null, null, null, null, null);

    /**
     * The profile in decrypted user info, or {@code null} when it is the anonymous placeholder that
     * {@code wx.getUserProfile} now returns: storing that would overwrite what the user set. Each
     * field passes the same {@link ProfileRules} as {@code PATCH /api/v1/me}; as a login must not fail
     * over WeChat's profile, a field the rules refuse is left out (the stored one kept), and text
     * too long for its column is cut to size. An uploaded avatar's path is never taken from a login:
     * only an upload sets one.
     */
    public static UserProfile fromUserInfo(DecryptedData userInfo) {
        String nickname = passing(fit(userInfo.text("nickName"), ProfileRules.NICKNAME_MAX), ProfileRules::nickname);
        if (nickname == null || ANONYMOUS_NICKNAME.equals(nickname)) {
            return null;
        }
        String avatarUrl = passing(userInfo.text("avatarUrl"), ProfileRules::avatarUrl);
        Integer gender;
        try {
            gender = ProfileRules.gender(userInfo.payload().get("gender"));
        } catch (ApiException refused) {
            gender = null;
        }
        return new UserProfile(nickname, ProfileRules.isUploadedAvatar(avatarUrl) ? null : avatarUrl, gender,
                text(userInfo, "country", ProfileRules.PLACE_MAX), text(userInfo, "province", ProfileRules.PLACE_MAX),
                text(userInfo, "city", ProfileRules.PLACE_MAX), text(userInfo, "language", ProfileRules.LANGUAGE_MAX));
    }

    private static String text(DecryptedData userInfo, String field, int max) {
        String value = passing(fit(userInfo.text(field), max), text -> ProfileRules.text(field, text, max));
        return value == null || value.isBlank() ? null : value;
    }

    /** The value as the rule makes it, or {@code null} when it is absent or the rule refuses it. */
    private static String passing(String value, UnaryOperator<String> rule) {
        if (value == null) {
            return null;
        }
        try {
            return rule.apply(value);
        } catch (ApiException refused) {
            return null;
        }
    }

    private static String fit(String value, int maxLength) {
        if (value == null || value.length() <= maxLength) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return value.substring(0, end);
    }
}
