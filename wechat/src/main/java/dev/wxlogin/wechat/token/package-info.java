/**
 * access_token management: {@link dev.wxlogin.wechat.token.AccessTokenFetcher} asks WeChat
 * (stable_token by default, the legacy API if chosen), {@link dev.wxlogin.wechat.token.AccessTokenCache}
 * reuses and refreshes tokens with one fetch at a time per app across a cluster (through a
 * {@link dev.wxlogin.wechat.token.SharedAccessTokenStore}), and
 * {@link dev.wxlogin.wechat.token.TokenAuthorizedTransport} calls token-protected APIs, replacing a
 * rejected token once. Token values never appear in logs, messages or {@code toString()}.
 */
package dev.wxlogin.wechat.token;
