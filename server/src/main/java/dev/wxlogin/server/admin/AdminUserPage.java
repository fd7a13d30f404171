package dev.wxlogin.server.admin;

import java.util.List;

/**
 * One page of a user search.
 *
 * @param users the users on this page, newest first
 * @param total       how many match in all, counted up to 10,000
 * @param totalCapped whether more than that many match
 * @param page        this page, from 0
 * @param size        the page size
 */
public record AdminUserPage(List<AdminUser> users, long total, boolean totalCapped, int page, int size) {

    /** Whether there is a page after this one. */
    public boolean hasNext() {
        return (long) (page + 1) * size < total || totalCapped && users.size() == size;
    }
}
