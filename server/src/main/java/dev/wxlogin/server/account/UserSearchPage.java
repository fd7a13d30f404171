package dev.wxlogin.server.account;

import java.util.List;

import dev.wxlogin.server.user.UserAccount;

/**
 * One page of a user search, newest users first.
 *
 * @param users       the users on this page
 * @param total       how many users match in all, counted up to {@link UserDirectory#COUNT_LIMIT}
 * @param totalCapped whether more than that many match (then {@code total} is the limit)
 * @param page        this page's number, from 0
 * @param size        the page size asked for
 */
public record UserSearchPage(List<UserAccount> users, long total, boolean totalCapped, int page, int size) {
}
