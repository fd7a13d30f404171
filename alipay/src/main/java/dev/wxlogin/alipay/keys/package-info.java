/**
 * The keys an Alipay app is configured with, read from the text the open platform console and Alipay's
 * key tool give, and checked at start: {@link dev.wxlogin.alipay.keys.KeyText} for the RSA2 keys,
 * {@link dev.wxlogin.alipay.keys.ContentKey} for the AES content-encryption key.
 */
package dev.wxlogin.alipay.keys;
