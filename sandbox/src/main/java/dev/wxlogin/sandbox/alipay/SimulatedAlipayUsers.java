package dev.wxlogin.sandbox.alipay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sandbox's Alipay users, named by the tester ({@code "alice"}), and the auth codes
 * {@code my.getAuthCode} hands out: single-use, valid for the configured time, for the one app that asked.
 * A user's {@code user_id} (2088 and 12 digits) is the same in every app; their {@code open_id} differs per
 * app; both are derived from the name, so they survive restarts. Thread-safe.
 */
public final class SimulatedAlipayUsers {

    /** Why a code was refused; Alipay answers all of them with {@code isv.code-invalid}. */
    public enum CodeProblem { UNKNOWN, USED, EXPIRED, OTHER_APP }

    /** An exchanged code: the user, or the problem. */
    public record Exchange(String appId, String user, CodeProblem problem) {
    }

    private record IssuedCode(String appId, String user, Instant issuedAt, AtomicBoolean used) {
    }

    private static final int SWEEP_THRESHOLD = 10_000;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final Duration codeTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();

    public SimulatedAlipayUsers(Duration codeTtl, Clock clock) {
        this.codeTtl = Objects.requireNonNull(codeTtl, "codeTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@code my.getAuthCode} does for the user in the app: a fresh 32-hex-character auth code. */
    public String issueCode(String appId, String user) {
        if (codes.size() > SWEEP_THRESHOLD) {
            Instant oldest = clock.instant().minus(codeTtl);
            codes.values().removeIf(c -> c.issuedAt().isBefore(oldest));
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String code = HexFormat.of().formatHex(raw);
        codes.put(code, new IssuedCode(appId, user, clock.instant(), new AtomicBoolean()));
        return code;
    }

    /** What {@code alipay.system.oauth.token} does with a code: valid once, within its time, for its app. */
    public Exchange exchange(String appId, String code) {
        IssuedCode issued = code == null ? null : codes.get(code);
        if (issued == null) {
            return new Exchange(appId, null, CodeProblem.UNKNOWN);
        }
        if (!issued.appId().equals(appId)) {
            return new Exchange(appId, null, CodeProblem.OTHER_APP);
        }
        if (clock.instant().isAfter(issued.issuedAt().plus(codeTtl))) {
            return new Exchange(appId, null, CodeProblem.EXPIRED);
        }
        if (!issued.used().compareAndSet(false, true)) {
            return new Exchange(appId, null, CodeProblem.USED);
        }
        return new Exchange(appId, issued.user(), null);
    }

    /** The user's {@code user_id}: 2088 and 12 digits, the same in every app. */
    public String userId(String user) {
        byte[] digest = sha256("alipay-user|" + user);
        StringBuilder id = new StringBuilder("2088");
        for (int i = 0; id.length() < 16; i++) {
            id.append(Math.floorMod(digest[i], 10));
        }
        return id.toString();
    }

    /** The user's {@code open_id} in the app: "0" and 45 letters and digits, different in every app. */
    public String openId(String appId, String user) {
        byte[] digest = sha256("alipay-openid|" + appId + "|" + user);
        byte[] more = sha256("alipay-openid-2|" + appId + "|" + user);
        StringBuilder id = new StringBuilder("0");
        for (int i = 0; id.length() < 46; i++) {
            byte b = i < digest.length ? digest[i] : more[i - digest.length];
            id.append(BASE62.charAt(Math.floorMod(b, BASE62.length())));
        }
        return id.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
