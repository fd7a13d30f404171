package dev.wxlogin.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.wxlogin.wechat.SessionKey;

/**
 * The platforms' side of the users: stable openids and unionids, the current session_key of each user
 * in each app, the one-time login codes and the one-time phone-number codes, and Douyin's anonymous
 * codes. Ids take each platform's shape; every store is keyed by appid, and appids are unique across
 * platforms. Thread-safe.
 */
final class SimulatedWeChatUsers {

    /** Why a code cannot be exchanged, or {@code null} in {@link Exchange} when it can. */
    enum CodeProblem {
        UNKNOWN, USED, EXPIRED, OTHER_APP
    }

    /** The result of exchanging a code: a session or a problem. */
    record Exchange(String openid, Optional<String> unionid, SessionKey sessionKey, CodeProblem problem) {
    }

    private record IssuedCode(String appid, String user, SessionKey sessionKey, Instant issuedAt, AtomicBoolean used) {
    }

    /** A user of one app, as an openid stands for it. */
    record AppUser(String appid, String user) {
    }

    /** The phone number a getPhoneNumber code stands for. */
    record Phone(String appid, String user, String purePhoneNumber, String countryCode) {

        /** As WeChat shows it: mainland numbers bare, others with their country code. */
        String phoneNumber() {
            return "86".equals(countryCode) ? purePhoneNumber : "+" + countryCode + purePhoneNumber;
        }
    }

    /** The result of exchanging a phone code: a phone or a problem. */
    record PhoneExchange(Phone phone, CodeProblem problem) {
    }

    private record IssuedPhoneCode(Phone phone, Instant issuedAt, AtomicBoolean used) {
    }

    /** The result of exchanging a Douyin anonymous code: the device's anonymous openid or a problem. */
    record AnonymousExchange(String anonymousOpenid, CodeProblem problem) {
    }

    private record IssuedAnonymousCode(String appid, String device, Instant issuedAt, AtomicBoolean used) {
    }

    private static final int SWEEP_THRESHOLD = 50_000;

    private final Map<String, SandboxApp> apps;
    private final Duration codeTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);
    private final Map<String, SessionKey> currentKeys = new ConcurrentHashMap<>();
    private final Map<String, AppUser> usersByOpenid = new ConcurrentHashMap<>();
    private final Map<String, IssuedPhoneCode> phoneCodes = new ConcurrentHashMap<>();
    private final Map<String, IssuedAnonymousCode> anonymousCodes = new ConcurrentHashMap<>();

    SimulatedWeChatUsers(Map<String, SandboxApp> apps, Duration codeTtl, Clock clock) {
        this.apps = apps;
        this.codeTtl = codeTtl;
        this.clock = clock;
    }

    /** What {@code wx.login()} does: a fresh session_key for the user and a code bound to it. */
    String login(String appid, String user) {
        SessionKey key = newSessionKey(appid, user);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        if (codes.size() > SWEEP_THRESHOLD) {
            sweepExpiredAtMostEverySecond();
        }
        codes.put(code, new IssuedCode(appid, user, key, clock.instant(), new AtomicBoolean()));
        return code;
    }

    /**
     * The {@code anonymousCode} Douyin's {@code tt.login} gives beside (or, for a user not logged in to
     * the Douyin app, instead of) the code: it stands for the device, not the user.
     */
    String anonymousLogin(String appid, String device) {
        if (anonymousCodes.size() > SWEEP_THRESHOLD) {
            Instant oldest = clock.instant().minus(codeTtl);
            anonymousCodes.values().removeIf(c -> c.issuedAt().isBefore(oldest));
        }
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        anonymousCodes.put(code, new IssuedAnonymousCode(appid, device, clock.instant(), new AtomicBoolean()));
        return code;
    }

    /** What Douyin's code2Session does with an anonymous code: valid once, within the TTL, for its app. */
    AnonymousExchange exchangeAnonymous(String appid, String code) {
        IssuedAnonymousCode issued = anonymousCodes.get(code);
        if (issued == null) {
            return new AnonymousExchange(null, CodeProblem.UNKNOWN);
        }
        if (!issued.appid().equals(appid)) {
            return new AnonymousExchange(null, CodeProblem.OTHER_APP);
        }
        if (clock.instant().isAfter(issued.issuedAt().plus(codeTtl))) {
            anonymousCodes.remove(code);
            return new AnonymousExchange(null, CodeProblem.EXPIRED);
        }
        if (!issued.used().compareAndSet(false, true)) {
            return new AnonymousExchange(null, CodeProblem.USED);
        }
        return new AnonymousExchange(anonymousOpenid(appid, issued.device()), null);
    }

    /** What code2Session does with a code: valid once, within the TTL, for the app it was made for. */
    Exchange exchange(String appid, String code) {
        IssuedCode issued = codes.get(code);
        if (issued == null) {
            return problem(CodeProblem.UNKNOWN);
        }
        if (!issued.appid().equals(appid)) {
            return problem(CodeProblem.OTHER_APP);
        }
        if (clock.instant().isAfter(issued.issuedAt().plus(codeTtl))) {
            codes.remove(code);
            return problem(CodeProblem.EXPIRED);
        }
        if (!issued.used().compareAndSet(false, true)) {
            return problem(CodeProblem.USED);
        }
        return new Exchange(openid(appid, issued.user()), unionid(appid, issued.user()), issued.sessionKey(), null);
    }

    /** What {@code resetusersessionkey} does: the user gets a new session_key; the old one is stale. */
    SessionKey resetKey(String appid, String user) {
        return newSessionKey(appid, user);
    }

    /** The app and user behind an openid, once the user has logged in to that app. */
    Optional<AppUser> byOpenid(String openid) {
        return Optional.ofNullable(usersByOpenid.get(openid));
    }

    /** What the getPhoneNumber button does: a single-use code standing for the number, valid as long as a login code. */
    String issuePhoneCode(Phone phone) {
        if (phoneCodes.size() > SWEEP_THRESHOLD) {
            Instant oldest = clock.instant().minus(codeTtl);
            phoneCodes.values().removeIf(c -> c.issuedAt().isBefore(oldest));
        }
        String code = HexFormat.of().formatHex(randomBytes(32));
        phoneCodes.put(code, new IssuedPhoneCode(phone, clock.instant(), new AtomicBoolean()));
        return code;
    }

    /**
     * What getuserphonenumber does with a code: valid once, within the TTL, for its app, and for
     * the given openid when one is given.
     */
    PhoneExchange exchangePhoneCode(String appid, String code, String openid) {
        IssuedPhoneCode issued = code == null ? null : phoneCodes.get(code);
        if (issued == null) {
            return new PhoneExchange(null, CodeProblem.UNKNOWN);
        }
        Phone phone = issued.phone();
        if (!phone.appid().equals(appid) || openid != null && !openid.equals(openid(appid, phone.user()))) {
            return new PhoneExchange(null, CodeProblem.OTHER_APP);
        }
        if (clock.instant().isAfter(issued.issuedAt().plus(codeTtl))) {
            phoneCodes.remove(code);
            return new PhoneExchange(null, CodeProblem.EXPIRED);
        }
        if (!issued.used().compareAndSet(false, true)) {
            return new PhoneExchange(null, CodeProblem.USED);
        }
        return new PhoneExchange(phone, null);
    }

    /** A stable mainland mobile number per user, for when the test does not name one. */
    static String defaultPhoneNumber(String user) {
        byte[] hash = sha256("phone\n" + user);
        StringBuilder number = new StringBuilder("13");
        for (int i = 0; i < 9; i++) {
            number.append(Math.floorMod(hash[i], 10));
        }
        return number.toString();
    }

    /** The user's current session_key in the app, if they ever logged in. */
    Optional<SessionKey> currentKey(String appid, String user) {
        return Optional.ofNullable(currentKeys.get(appid + "\n" + user));
    }

    /**
     * Stable per app and user, in the platform's shape: 28 characters starting {@code o} on WeChat,
     * {@code _000} and 40 characters on Douyin, 32 upper-case hex digits on QQ.
     */
    String openid(String appid, String user) {
        String seed = "openid\n" + appid + "\n" + user;
        return switch (apps.get(appid).platform()) {
            case DOUYIN -> "_000" + digest(seed).substring(0, 40);
            case QQ -> HexFormat.of().withUpperCase().formatHex(sha256(seed), 0, 16);
            default -> "o" + digest(seed).substring(0, 27);
        };
    }

    /**
     * Stable per user across the union-bound apps of one platform, different on another platform (each
     * platform has its own developer account): WeChat's 28 characters starting {@code u}, a UUID-like
     * text on Douyin, {@code UID_} and 32 hex digits on QQ.
     */
    Optional<String> unionid(String appid, String user) {
        SandboxApp app = apps.get(appid);
        if (!app.unionBound()) {
            return Optional.empty();
        }
        return Optional.of(switch (app.platform()) {
            case DOUYIN -> uuidLike(sha256("unionid\ndouyin\n" + user));
            case QQ -> "UID_" + HexFormat.of().withUpperCase().formatHex(sha256("unionid\nqq\n" + user), 0, 16);
            // WeChat's formula predates the other platforms; kept so that its ids do not change.
            default -> "u" + digest("unionid\n" + user).substring(0, 27);
        });
    }

    /** Douyin's anonymous openid: stable per app and device ("the same phone gets the same anonymous_openid"). */
    String anonymousOpenid(String appid, String device) {
        return "_000" + digest("anonymous_openid\n" + appid + "\n" + device).substring(0, 40);
    }

    private static String uuidLike(byte[] hash) {
        String hex = HexFormat.of().formatHex(hash, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    private SessionKey newSessionKey(String appid, String user) {
        SessionKey key = SessionKey.of(Base64.getEncoder().encodeToString(randomBytes(16)));
        currentKeys.put(appid + "\n" + user, key);
        usersByOpenid.put(openid(appid, user), new AppUser(appid, user));
        return key;
    }

    /**
     * Drops expired codes. A sweep walks every code, and under load all of them may still be valid: at
     * most one a second, or each login would walk them all again (a benchmark's payload generation fell
     * from 1,500 to 300 codes a second past the threshold).
     */
    private void sweepExpiredAtMostEverySecond() {
        long now = clock.millis();
        long last = lastSweep.get();
        if (now - last < 1000 || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        Instant oldest = clock.instant().minus(codeTtl);
        codes.values().removeIf(c -> c.issuedAt().isBefore(oldest));
    }

    private static Exchange problem(CodeProblem problem) {
        return new Exchange(null, Optional.empty(), null, problem);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String digest(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(text));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
