package dev.wxlogin.server.account;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserSearch;
import dev.wxlogin.server.user.UserStore;

/**
 * Finds users for the admin console: by id, openid, unionid, part of the nickname or the phone number's
 * last digits, a page at a time (the SQL is {@link UserStore}'s, as is all of {@code wx_user}'s).
 */
@Service
public class UserDirectory {

    private static final int MAX_PAGE_SIZE = 200;
    private static final int MAX_QUERY_LENGTH = 100;

    /**
     * Matches are counted up to this many: counting every user (a blank query) or every nickname with
     * a common syllable takes seconds at ten million users, and nobody pages through more.
     */
    public static final int COUNT_LIMIT = 10_000;

    private final UserStore users;

    UserDirectory(UserStore users) {
        this.users = users;
    }

    /**
     * The users matching {@code query}, newest first. A query matches a user whose id, openid or
     * unionid it equals, whose nickname contains it (ignoring case), or, when it is 3 to 11 digits,
     * whose phone number ends with it. A blank query matches every user.
     *
     * @param appid only users of this app, or {@code null} for all
     * @param page  from 0
     * @param size  1 to 200
     */
    public UserSearchPage search(String query, String appid, int page, int size) {
        return search(query, appid, null, page, size);
    }

    /**
     * {@link #search(String, String, int, int)}, only among the users of one platform.
     *
     * @param platform only users of this platform, or {@code null} for all
     */
    public UserSearchPage search(String query, String appid, Platform platform, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY_LENGTH) {
            q = q.substring(0, MAX_QUERY_LENGTH);
        }
        UserSearch search = new UserSearch(q, appid, platform);
        long total = users.countMatches(search, COUNT_LIMIT + 1);
        List<UserAccount> found = users.search(search, size, (long) page * size);
        return new UserSearchPage(found, Math.min(total, COUNT_LIMIT), total > COUNT_LIMIT, page, size);
    }
}
