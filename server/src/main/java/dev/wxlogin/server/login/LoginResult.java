package dev.wxlogin.server.login;

import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.wechat.crypto.DecryptedData;

/**
 * A successful login.
 *
 * @param user     the user as stored
 * @param created  whether this login created the user
 * @param userInfo the decrypted user info, when the page sent some
 * @param tokens   the login state it started
 */
record LoginResult(UserAccount user, boolean created, DecryptedData userInfo, TokenPair tokens) {
}
