/**
 * The user's phone number: {@link dev.wxlogin.wechat.phone.PhoneNumberClient} for the
 * {@code getPhoneNumber} button's code (a paid call, sent once per code), and
 * {@link dev.wxlogin.wechat.phone.PhoneNumber#fromDecrypted} for the legacy encryptedData flow.
 */
package dev.wxlogin.wechat.phone;
