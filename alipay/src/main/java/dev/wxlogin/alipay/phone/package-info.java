/**
 * The phone number: {@code my.getPhoneNumber} gives the page a {@code response} string, Alipay's answer
 * encrypted with the app's content key and signed with Alipay's key, which
 * {@link dev.wxlogin.alipay.phone.PhoneNumberDecryptor} verifies, then decrypts. ({@code my.getOpenUserInfo}'s
 * profile is unsigned: it may be shown, never trusted, and needs nothing from this core.)
 */
package dev.wxlogin.alipay.phone;
