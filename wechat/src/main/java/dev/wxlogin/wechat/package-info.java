/**
 * Framework-free core of WeChat's mini program server protocol: exchanging a login code and checking
 * session keys ({@link dev.wxlogin.wechat.session}), decrypting and verifying what the page sends
 * ({@link dev.wxlogin.wechat.crypto}), access_tokens ({@link dev.wxlogin.wechat.token}) and phone
 * numbers ({@link dev.wxlogin.wechat.phone}). Depends on the JDK and Jackson only.
 *
 * <p>Every failure is one of three unchecked families, each carrying a stable {@code code()}:
 * {@link dev.wxlogin.wechat.api.WeChatApiException} (WeChat answered with an errcode),
 * {@link dev.wxlogin.wechat.api.WeChatUnavailableException} (WeChat could not be reached or
 * answered nonsense) and {@link dev.wxlogin.wechat.crypto.DecryptionException} (what the client sent
 * cannot be trusted). None of them ever carries a secret in its message.
 */
package dev.wxlogin.wechat;
