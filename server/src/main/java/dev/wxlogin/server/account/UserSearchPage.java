package dev.wxlogin.server.account;

import java.util.List;

import dev.wxlogin.server.user.UserAccount;

/**
 * One page of a user search, newest users first.
 *
 * @param users the users on this page
 * @param total how many users match in all
 * @param page  this page's number, from 0
 * @param size  the page size asked for
 */
public record UserSearchPage(List<UserAccount> users, long total, int page, int size) {
}
