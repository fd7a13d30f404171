/**
 * Framework-free core of QQ mini programs' server login: {@link dev.wxlogin.qq.QqCode2SessionClient} trades
 * {@code qq.login()}'s code for the user's openid, session_key and unionid at
 * {@code GET https://api.q.qq.com/sns/jscode2session}, WeChat's API in every shape. So this is a thin layer
 * over the WeChat core: its transport (with retries off) and, for what the page sends encrypted, its
 * {@link dev.wxlogin.wechat.crypto.EncryptedDataDecryptor}, {@link dev.wxlogin.wechat.phone.PhoneNumber#fromDecrypted}
 * and {@link dev.wxlogin.wechat.crypto.RawDataSignature}, which QQ's documentation describes identically.
 *
 * <p>Failures of a call are {@link dev.wxlogin.qq.QqApiException} (QQ answered an errcode) and
 * {@link dev.wxlogin.qq.QqUnavailableException} (QQ could not be reached or answered nonsense), with
 * {@code QQ_...} codes of their own so that a QQ outage never reads as WeChat's; decryption fails with the
 * WeChat core's {@link dev.wxlogin.wechat.crypto.DecryptionException}. None carries a secret.
 */
package dev.wxlogin.qq;
