package dev.wxlogin.server.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The mini-program platforms an app can be on; each logs its users in its own way. */
public enum Platform {
    WECHAT("wechat"),
    DOUYIN("douyin"),
    ALIPAY("alipay"),
    QQ("qq");

    private final String wireName;

    Platform(String wireName) {
        this.wireName = wireName;
    }

    /** How configuration, the API and the audit log name it: {@code wechat}, {@code douyin}, {@code alipay}, {@code qq}. */
    public String wireName() {
        return wireName;
    }

    /** The platform of this name (case-insensitive, blanks around it ignored), if there is one. */
    public static Optional<Platform> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(platform -> platform.wireName.equals(wanted)).findFirst();
    }

    /** Every wire name, for messages: {@code wechat, douyin, alipay, qq}. */
    public static String wireNames() {
        return Arrays.stream(values()).map(Platform::wireName).collect(Collectors.joining(", "));
    }
}
