package dev.wxlogin.server.user;

import java.util.Locale;

import dev.wxlogin.server.app.Platform;

/**
 * What the admin console looks users up by. The text matches a user whose id, openid or unionid it
 * equals, whose nickname contains it (ignoring case), or, when it is 3 to 11 digits, whose phone
 * number ends with it; blank matches every user.
 *
 * @param text     the query, stripped; empty for none
 * @param appid    only users of this app, or {@code null}
 * @param platform only users of this platform, or {@code null}
 */
public record UserSearch(String text, String appid, Platform platform) {

    public UserSearch {
        text = text == null ? "" : text.strip();
    }

    String lowerCaseText() {
        return text.toLowerCase(Locale.ROOT);
    }
}
