package dev.wxlogin.server.user;

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
     * {@code wx.getUserProfile} now returns: storing that would overwrite what the user set.
     */
    public static UserProfile fromUserInfo(DecryptedData userInfo) {
        String nickname = userInfo.text("nickName");
        if (nickname == null || nickname.isBlank() || ANONYMOUS_NICKNAME.equals(nickname)) {
            return null;
        }
        Integer gender = userInfo.payload().has("gender") && userInfo.payload().get("gender").canConvertToInt()
                ? userInfo.payload().get("gender").asInt() : null;
        // Whatever WeChat sends must fit the columns: cut to size rather than fail the login.
        return new UserProfile(fit(nickname, 100), fitUrl(userInfo.text("avatarUrl")),
                gender != null && gender >= 0 && gender <= 2 ? gender : null,
                fit(userInfo.text("country"), 100), fit(userInfo.text("province"), 100),
                fit(userInfo.text("city"), 100), fit(userInfo.text("language"), 20));
    }

    private static String fit(String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() <= maxLength) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return value.substring(0, end);
    }

    /** A URL cut short would point elsewhere: one that does not fit is dropped. */
    private static String fitUrl(String value) {
        return value == null || value.isBlank() || value.length() > 1024 ? null : value;
    }
}
