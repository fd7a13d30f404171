package dev.wxlogin.server;

import java.util.UUID;

/** Names for simulated users that no other test uses. */
public final class TestUsers {

    private TestUsers() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
