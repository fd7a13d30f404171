package dev.wxlogin.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeChat's side of access_tokens, per app: the stable_token (same token while valid, renewed in
 * its last 5 minutes with the old one living on until its own expiry, killed at once by a forced
 * refresh) and the legacy token (every call issues a new one; the previous lives 5 more minutes).
 * The two kinds never affect each other, as in WeChat. Thread-safe.
 */
final class SimulatedAccessTokens {

    /** What a token-protected API makes of a presented token. */
    enum Verdict {
        VALID, INVALID, EXPIRED
    }

    /** A verdict, and the app the token belongs to when it is valid. */
    record Check(Verdict verdict, String appid) {
    }

    /** A token handed out, with the seconds it has left. */
    record Grant(String value, long expiresIn) {
    }

    /**
     * @param expiresAt  its natural end (42001 after it)
     * @param killedFrom when it stopped counting because it was replaced or invalidated (40001 from then), or null
     */
    private record Issued(String value, String appid, Instant expiresAt, Instant killedFrom) {

        Issued killedAt(Instant when) {
            return new Issued(value, appid, expiresAt, killedFrom == null || when.isBefore(killedFrom) ? when : killedFrom);
        }
    }

    /** The tokens each app currently hands out; guarded by its own monitor. */
    private static final class Current {
        private Issued stable;
        private Issued legacy;
    }

    /** WeChat renews a stable token asked for in its last 5 minutes, and lets a replaced legacy token live 5 more. */
    static final Duration HANDOVER = Duration.ofMinutes(5);
    private static final int SWEEP_THRESHOLD = 10_000;

    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, Current> current = new ConcurrentHashMap<>();

    SimulatedAccessTokens(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** {@code POST /cgi-bin/stable_token} for an app whose credentials were checked. */
    Grant stable(String appid, boolean forceRefresh) {
        Current app = current.computeIfAbsent(appid, id -> new Current());
        synchronized (app) {
            Instant now = clock.instant();
            Issued held = app.stable == null ? null : tokens.get(app.stable.value());
            if (held != null && !forceRefresh && isUsable(held, now)
                    && Duration.between(now, held.expiresAt()).compareTo(handover()) > 0) {
                return grant(held, now);
            }
            if (held != null && forceRefresh) {
                tokens.put(held.value(), held.killedAt(now));
            }
            app.stable = issue(appid, now);
            return grant(app.stable, now);
        }
    }

    /** {@code GET /cgi-bin/token} for an app whose credentials were checked. */
    Grant legacy(String appid) {
        Current app = current.computeIfAbsent(appid, id -> new Current());
        synchronized (app) {
            Instant now = clock.instant();
            if (app.legacy != null) {
                tokens.computeIfPresent(app.legacy.value(), (v, old) -> old.killedAt(now.plus(HANDOVER)));
            }
            app.legacy = issue(appid, now);
            return grant(app.legacy, now);
        }
    }

    /** Every token of the app stops working now, as after another server forced a refresh. */
    int invalidate(String appid) {
        Current app = current.computeIfAbsent(appid, id -> new Current());
        synchronized (app) {
            Instant now = clock.instant();
            int[] killed = {0};
            tokens.replaceAll((value, issued) -> {
                if (issued.appid().equals(appid) && isUsable(issued, now)) {
                    killed[0]++;
                    return issued.killedAt(now);
                }
                return issued;
            });
            app.stable = null;
            app.legacy = null;
            return killed[0];
        }
    }

    /** What a protected API says to the token: 40001 for unknown or killed, 42001 for expired. */
    Check check(String value) {
        Issued issued = value == null ? null : tokens.get(value);
        Instant now = clock.instant();
        if (issued == null || issued.killedFrom() != null && !now.isBefore(issued.killedFrom())) {
            return new Check(Verdict.INVALID, null);
        }
        if (!now.isBefore(issued.expiresAt())) {
            return new Check(Verdict.EXPIRED, null);
        }
        return new Check(Verdict.VALID, issued.appid());
    }

    /** Tests may shorten the lifetime below WeChat's; the handover then shrinks to half of it. */
    private Duration handover() {
        return lifetime.dividedBy(2).compareTo(HANDOVER) < 0 ? lifetime.dividedBy(2) : HANDOVER;
    }

    private static boolean isUsable(Issued issued, Instant now) {
        return now.isBefore(issued.expiresAt()) && (issued.killedFrom() == null || now.isBefore(issued.killedFrom()));
    }

    private Issued issue(String appid, Instant now) {
        if (tokens.size() > SWEEP_THRESHOLD) {
            // Long dead tokens answer 40001 instead of 42001 once swept; nobody presents them by then.
            Instant longAgo = now.minus(Duration.ofHours(1));
            tokens.values().removeIf(t -> t.expiresAt().isBefore(longAgo));
        }
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        Issued issued = new Issued(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), appid, now.plus(lifetime), null);
        tokens.put(issued.value(), issued);
        return issued;
    }

    private static Grant grant(Issued issued, Instant now) {
        return new Grant(issued.value(), Duration.between(now, issued.expiresAt()).getSeconds());
    }
}
