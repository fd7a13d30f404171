/**
 * Framework-free core of Douyin's (抖音) mini-program server login: {@link dev.wxlogin.douyin.DouyinCode2SessionClient}
 * trades {@code tt.login()}'s {@code code} (and {@code anonymousCode}) for the user's openid, session_key
 * and unionid at {@code POST /api/apps/v2/jscode2session}. What the page sends encrypted
 * ({@code tt.getUserProfile}, the legacy {@code getPhoneNumber} button) is AES-128-CBC with the session_key
 * and a {@code watermark} exactly as on WeChat: decrypt it with the WeChat core's
 * {@link dev.wxlogin.wechat.crypto.EncryptedDataDecryptor}, read a phone number with
 * {@link dev.wxlogin.wechat.phone.PhoneNumber#fromDecrypted} and check {@code rawData} with
 * {@link dev.wxlogin.wechat.crypto.RawDataSignature}. Depends on the JDK, Jackson and that core only.
 *
 * <p>Every failure of a call is one of two unchecked families, each carrying a stable {@code code()}:
 * {@link dev.wxlogin.douyin.DouyinApiException} (Douyin answered a non-zero {@code err_no}) and
 * {@link dev.wxlogin.douyin.DouyinUnavailableException} (Douyin could not be reached or answered
 * nonsense); decryption fails with the WeChat core's {@link dev.wxlogin.wechat.crypto.DecryptionException}.
 * None of them carries a secret. Nothing here retries: a {@code -1} answer is reported at once.
 */
package dev.wxlogin.douyin;
