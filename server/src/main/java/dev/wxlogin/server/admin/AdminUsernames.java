package dev.wxlogin.server.admin;

import java.util.Optional;

/**
 * The one normalization of a username typed into the console's login form, used by the login
 * throttle and (through the request it passes on) by the login itself, so that both count the same
 * account: surrounding whitespace dropped; a control character anywhere (a NUL by {@code %00}
 * included), or more than 100 characters, refuses the attempt.
 */
final class AdminUsernames {

    static final int MAX_LENGTH = 100;

    private AdminUsernames() {
    }

    /** The username as the console knows it, or empty when no admin can have it. */
    static Optional<String> normalized(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String username = typed.strip();
        if (username.isEmpty() || username.length() > MAX_LENGTH || username.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(username);
    }
}
