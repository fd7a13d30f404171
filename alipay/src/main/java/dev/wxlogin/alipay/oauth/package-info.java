/**
 * Login: the page's {@code my.getAuthCode({scopes: 'auth_base'})} gives an {@code authCode}, which
 * {@link dev.wxlogin.alipay.oauth.OauthTokenClient} exchanges at {@code alipay.system.oauth.token} for the
 * user's id ({@code open_id}, or the older {@code user_id}).
 */
package dev.wxlogin.alipay.oauth;
