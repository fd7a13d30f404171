package dev.wxlogin.wechat;

/**
 * What WeChat's one-time codes look like from outside ({@code wx.login()}'s code, the
 * {@code getPhoneNumber} button's code): short base64- or hex-like strings. The one place their
 * length limit lives, for the clients here and for the server's request checks alike.
 */
public final class OneTimeCode {

    /** Far above any code WeChat issues; anything longer is not one and is never sent. */
    public static final int MAX_LENGTH = 128;

    private OneTimeCode() {
    }

    /** Whether {@code code} may be a code: present, not blank, at most {@link #MAX_LENGTH} characters. */
    public static boolean isWellFormed(String code) {
        return code != null && !code.isBlank() && code.length() <= MAX_LENGTH;
    }
}
