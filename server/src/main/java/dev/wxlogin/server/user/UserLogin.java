package dev.wxlogin.server.user;

/**
 * The outcome of recording a login.
 *
 * @param user    the user as stored after the login
 * @param created whether this login created the user
 */
public record UserLogin(UserAccount user, boolean created) {
}
