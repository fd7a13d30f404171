package dev.wxlogin.server.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;

/** Finds users for the admin console: by id, openid, unionid, part of the nickname or the phone number's last digits. */
@Service
public class UserDirectory {

    private static final int MAX_PAGE_SIZE = 200;
    private static final int MAX_QUERY_LENGTH = 100;

    private final JdbcClient jdbc;
    private final UserStore users;

    UserDirectory(JdbcClient jdbc, UserStore users) {
        this.jdbc = jdbc;
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
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY_LENGTH) {
            q = q.substring(0, MAX_QUERY_LENGTH);
        }
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (appid != null) {
            conditions.add("appid = ?");
            params.add(appid);
        }
        if (!q.isEmpty()) {
            List<String> any = new ArrayList<>(List.of("openid = ?", "unionid = ?", "LOWER(nickname) LIKE ? ESCAPE '!'"));
            params.add(q);
            params.add(q);
            params.add("%" + likeEscaped(q.toLowerCase(Locale.ROOT)) + "%");
            if (q.matches("[0-9]{1,18}")) {
                any.add("id = ?");
                params.add(Long.parseLong(q));
            }
            if (q.matches("[0-9]{3,11}")) {
                any.add("pure_phone_number LIKE ? ESCAPE '!'");
                params.add("%" + q);
            }
            conditions.add("(" + String.join(" OR ", any) + ")");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        JdbcClient.StatementSpec count = jdbc.sql("SELECT COUNT(*) FROM wx_user" + where);
        JdbcClient.StatementSpec select = jdbc.sql("SELECT id FROM wx_user" + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        for (Object param : params) {
            count = count.param(param);
            select = select.param(param);
        }
        long total = count.query(Long.class).single();
        List<UserAccount> found = select.param(size).param((long) page * size).query(Long.class).list().stream()
                .map(users::findById)
                .flatMap(Optional::stream)
                .toList();
        return new UserSearchPage(found, total, page, size);
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
