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
        return new UserProfile(nickname, blankToNull(userInfo.text("avatarUrl")), gender,
                blankToNull(userInfo.text("country")), blankToNull(userInfo.text("province")),
                blankToNull(userInfo.text("city")), blankToNull(userInfo.text("language")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
