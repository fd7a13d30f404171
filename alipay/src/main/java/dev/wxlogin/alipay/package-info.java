/**
 * Framework-free core of Alipay's mini-program login protocol: the app's keys
 * ({@link dev.wxlogin.alipay.keys}), Alipay's RSA2 signatures ({@link dev.wxlogin.alipay.sign}), the signed
 * OpenAPI gateway ({@link dev.wxlogin.alipay.gateway}), exchanging an {@code authCode} for the user's id
 * ({@link dev.wxlogin.alipay.oauth}) and the signed, encrypted phone number
 * ({@link dev.wxlogin.alipay.phone}). Depends on the JDK and Jackson only; no Alipay SDK.
 *
 * <p>Every failure is an unchecked {@link dev.wxlogin.alipay.AlipayException} with a stable
 * {@code code()}, in one of five families: {@link dev.wxlogin.alipay.keys.AlipayKeyException} (the app's
 * configuration is unusable), {@link dev.wxlogin.alipay.gateway.AlipayApiException} (Alipay answered with
 * an error), {@link dev.wxlogin.alipay.gateway.AlipayUnavailableException} (Alipay could not be reached or
 * answered nonsense), {@link dev.wxlogin.alipay.gateway.AlipaySignatureException} (an answer's signature
 * does not prove it came from Alipay) and {@link dev.wxlogin.alipay.phone.AlipayPhoneException} (a phone
 * number the page sent cannot be trusted or read). None carries a key, a token or a code in its message.
 */
package dev.wxlogin.alipay;
