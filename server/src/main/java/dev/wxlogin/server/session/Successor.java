package dev.wxlogin.server.session;

import dev.wxlogin.server.token.AccessToken;

/**
 * What one rotation of a refresh token issued: the next access token and the next refresh token.
 * Within the reuse grace window the same successor answers every presentation of the rotated token.
 *
 * @param accessToken  the new access token
 * @param refreshToken the new refresh token
 */
record Successor(AccessToken accessToken, RefreshToken refreshToken) {
}
