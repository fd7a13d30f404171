package dev.wxlogin.server.security;

import java.util.function.Predicate;

/**
 * The firewall's rule for header names and values, as Spring Security's {@code StrictHttpFirewall}
 * has it by default (every code point assigned and none a control character: the regular expression
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}), checked by a loop: the regular expression tested each
 * character through a chain of nested predicates, a fifth of the CPU of an authenticated
 * {@code GET /api/v1/me} whose bearer token is 600 characters long.
 */
final class HeaderText implements Predicate<String> {

    @Override
    public boolean test(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
