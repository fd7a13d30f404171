package dev.wxlogin.server.weblogin;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser and operating system a {@code User-Agent} names, in words a user recognises
 * ("Chrome 120", "Windows"): enough to tell "my laptop" from "someone else's phone", not a full
 * parser. The major browsers and systems are known; anything else is "unknown browser" or
 * "unknown system". The order of the rules matters: Edge, Opera and WeChat also say "Chrome" and
 * "Safari", so they are looked for first.
 */
final class UserAgentNames {

    /**
     * What a user agent names.
     *
     * @param browser the browser and its major version, e.g. {@code Chrome 120}
     * @param os      the operating system, e.g. {@code Windows}, {@code iOS 17}
     */
    record Named(String browser, String os) {
    }

    private record Rule(String name, Pattern pattern) {
    }

    private static final String UNKNOWN_BROWSER = "unknown browser";
    private static final String UNKNOWN_OS = "unknown system";

    private static final List<Rule> BROWSERS = List.of(
            new Rule("WeChat", Pattern.compile("MicroMessenger/(\\d+)")),
            new Rule("Edge", Pattern.compile("Edg(?:e|A|iOS)?/(\\d+)")),
            new Rule("Opera", Pattern.compile("(?:OPR|Opera)/(\\d+)")),
            new Rule("Samsung Internet", Pattern.compile("SamsungBrowser/(\\d+)")),
            new Rule("QQ Browser", Pattern.compile("MQQBrowser/(\\d+)|QQBrowser/(\\d+)")),
            new Rule("UC Browser", Pattern.compile("UCBrowser/(\\d+)")),
            new Rule("Firefox", Pattern.compile("(?:Firefox|FxiOS)/(\\d+)")),
            new Rule("Chrome", Pattern.compile("(?:Chrome|CriOS|HeadlessChrome)/(\\d+)")),
            new Rule("Safari", Pattern.compile("Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/")),
            new Rule("curl", Pattern.compile("^curl/(\\d+)")));

    private static final Pattern IOS = Pattern.compile("(?:iPhone|iPad|iPod).*? OS (\\d+)");
    private static final Pattern ANDROID = Pattern.compile("Android (\\d+)");

    private UserAgentNames() {
    }

    /** The browser and system of {@code userAgent} ({@code null} or blank: both unknown). */
    static Named of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Named(UNKNOWN_BROWSER, UNKNOWN_OS);
        }
        return new Named(browser(userAgent), os(userAgent));
    }

    private static String browser(String userAgent) {
        for (Rule rule : BROWSERS) {
            Matcher found = rule.pattern().matcher(userAgent);
            if (found.find()) {
                String version = found.group(1) != null ? found.group(1) : found.groupCount() > 1 ? found.group(2) : null;
                return version == null ? rule.name() : rule.name() + " " + version;
            }
        }
        return UNKNOWN_BROWSER;
    }

    private static String os(String userAgent) {
        Matcher ios = IOS.matcher(userAgent);
        if (ios.find()) {
            return "iOS " + ios.group(1);
        }
        Matcher android = ANDROID.matcher(userAgent);
        if (android.find()) {
            return "Android " + android.group(1);
        }
        if (userAgent.contains("Windows")) {
            return "Windows";
        }
        if (userAgent.contains("Mac OS X") || userAgent.contains("Macintosh")) {
            return "macOS";
        }
        if (userAgent.contains("CrOS")) {
            return "ChromeOS";
        }
        if (userAgent.contains("Linux") || userAgent.contains("X11")) {
            return "Linux";
        }
        return UNKNOWN_OS;
    }
}
