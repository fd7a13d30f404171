package dev.wxlogin.server.platform;

/**
 * What a page sends to log in, whatever its platform: WeChat's {@code wx.login()} and QQ's {@code qq.login()}
 * give a {@code code}; Douyin's {@code tt.login()} a {@code code} and an {@code anonymousCode}; Alipay's
 * {@code my.getAuthCode()} an {@code authCode}, sent as the {@code code}.
 *
 * @param code          the login code (Alipay: the auth code); null when the page sent none
 * @param anonymousCode Douyin only: {@code tt.login()}'s {@code anonymousCode}; null otherwise
 */
public record LoginCodes(String code, String anonymousCode) {

    /** Only a code, as every platform but Douyin sends. */
    public static LoginCodes of(String code) {
        return new LoginCodes(code, null);
    }

    @Override
    public String toString() {
        return "LoginCodes[code=***, anonymousCode=" + (anonymousCode == null ? "none" : "***") + "]";
    }
}
