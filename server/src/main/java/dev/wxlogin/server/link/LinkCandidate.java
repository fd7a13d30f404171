package dev.wxlogin.server.link;

/**
 * An account on another platform that holds the phone number the caller just proved, offered for a
 * link: only its platform, its mini program and a masked nickname, nothing that identifies the user.
 *
 * @param platform the other account's platform ({@code wechat}, {@code douyin}, {@code alipay}, {@code qq})
 * @param appid    its mini program: what {@code POST /api/v1/me/links} names to confirm
 * @param nickname its nickname masked to the first character ({@code 张**}), or {@code null} when it has none
 */
public record LinkCandidate(String platform, String appid, String nickname) {
}
