/**
 * Framework-free core of WeChat's mini program server protocol: exchanging a login code
 * ({@link dev.wxlogin.wechat.session}), decrypting and verifying what the page sends
 * ({@link dev.wxlogin.wechat.crypto}). Depends on the JDK and Jackson only.
 *
 * <p>Every failure is one of three unchecked families, each carrying a stable {@code code()}:
 * {@link dev.wxlogin.wechat.session.WeChatApiException} (WeChat answered with an errcode),
 * {@link dev.wxlogin.wechat.session.WeChatUnavailableException} (WeChat could not be reached or
 * answered nonsense) and {@link dev.wxlogin.wechat.crypto.DecryptionException} (what the client sent
 * cannot be trusted). None of them ever carries a secret in its message.
 */
package dev.wxlogin.wechat;
