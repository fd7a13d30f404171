package dev.wxlogin.server.token;

import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The keys our tokens are signed with, kept in the database so that they survive restarts and are
 * shared by every instance: ES256 for our access tokens (and the OpenID Connect provider's), RS256 for
 * the ID tokens of websites, since RS256 is what every OIDC client verifies unless told otherwise. Both
 * are made (or loaded) at start-up, so that a client that fetched the key set before its first sign-in
 * already holds the key of its first ID token.
 *
 * <p>Rotation is by age, for each algorithm alike, and a new key is published before it signs: once the
 * newest key is {@code rotateAfter - publishAhead} old, the next signature makes its successor, which
 * is in the published set at once but signs only when it is {@code publishAhead} old. A website or
 * backend that cached our key set up to {@code publishAhead} ago therefore already holds the key of
 * every token it meets. The signing key is the newest one that old; a key signs for at most
 * {@code rotateAfter + publishAhead}, and stays in the published set (and verifies) until it is
 * {@code rotateAfter + publishAhead + accessTokenTtl + clockSkew} old, so that tokens it signed last stay
 * valid until they expire; after that it is deleted. The very first key signs at once, and so does a
 * successor made so late that the key before it may sign no longer. An operator's "rotate now" key is
 * stored as published {@code publishAhead} ago, so that every instance agrees it signs at once. Other
 * instances' new keys are picked up by reloading the set every minute, when their own successor is due,
 * and at once when a token names a key id not seen yet.
 *
 * <p>Also the {@link JWKSource} our own resource server verifies against, in-process.
 */
public class SigningKeys implements JWKSource<SecurityContext> {

    /** The algorithms we sign with. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration RELOAD_EVERY = Duration.ofMinutes(1);
    private static final Duration UNKNOWN_KID_RELOAD_PAUSE = Duration.ofSeconds(5);
    private static final int RSA_KEY_BITS = 2048;
    /**
     * Where RSA key pairs are generated: Conscrypt (BoringSSL) when it loads here, as ES256 signs, else the
     * JDK ({@code null}). The JDK's pure-Java generator takes about a second for a 2048-bit pair on a JVM that
     * has not compiled {@code BigInteger} with C2 yet, as at a start; BoringSSL a tenth of that.
     */
    private static final Provider RSA_KEY_GENERATION = Es256Provider.conscrypt().map(Es256Provider::provider).orElse(null);

    /**
     * The key that signs now, with its private part.
     *
     * @param recheckAt when the choice may change (a successor is due, or becomes old enough to sign, or
     *                  this key may sign no longer): until then signing takes no lock and reads nothing
     */
    record ActiveKey(String kid, JWK jwk, Instant createdAt, Instant recheckAt) {

        @Override
        public String toString() {
            return "ActiveKey[kid=" + kid + "]";
        }
    }

    private record Loaded(List<SigningKey> keys, Instant at) {
    }

    private final SigningKeyStore store;
    private final Clock clock;
    private final Duration rotateAfter;
    private final Duration publishAhead;
    private final Duration verifyFor;
    private final Map<JWSAlgorithm, ActiveKey> active = new ConcurrentHashMap<>();

    private volatile Loaded loaded;
    private volatile Instant lastUnknownKidReload = Instant.EPOCH;

    /** {@link #SigningKeys(SigningKeyStore, Clock, Duration, Duration, Duration, Duration)} publishing no key ahead. */
    SigningKeys(SigningKeyStore store, Clock clock, Duration rotateAfter, Duration accessTokenTtl, Duration clockSkew) {
        this(store, clock, rotateAfter, Duration.ZERO, accessTokenTtl, clockSkew);
    }

    /**
     * Loads the stored keys and makes the first key of each algorithm when there is none.
     *
     * @param rotateAfter    how long a key signs (a successor is published {@code publishAhead} before)
     * @param publishAhead   how long a new key is published before it signs; at most half of {@code rotateAfter}
     * @param accessTokenTtl lifetime of the tokens it signs
     * @param clockSkew      leeway of the verifiers
     */
    SigningKeys(SigningKeyStore store, Clock clock, Duration rotateAfter, Duration publishAhead, Duration accessTokenTtl,
                Duration clockSkew) {
        if (publishAhead.isNegative() || publishAhead.multipliedBy(2).compareTo(rotateAfter) > 0) {
            throw new IllegalArgumentException("a signing key's publish-ahead must be between 0 and half its rotate-after");
        }
        this.store = store;
        this.clock = clock;
        this.rotateAfter = rotateAfter;
        this.publishAhead = publishAhead;
        this.verifyFor = rotateAfter.plus(publishAhead).plus(accessTokenTtl).plus(clockSkew);
        activeKey(JWSAlgorithm.ES256);
        activeKey(JWSAlgorithm.RS256);
    }

    /** The ES256 key to sign access tokens with now; rotates first when the current one is too old. */
    ActiveKey activeKey() {
        return activeKey(JWSAlgorithm.ES256);
    }

    /**
     * The key to sign with now by {@code algorithm}; rotates (or makes the first) when there is none
     * young enough.
     *
     * @throws IllegalArgumentException for an algorithm we do not sign with
     */
    ActiveKey activeKey(JWSAlgorithm algorithm) {
        ActiveKey current = active.get(algorithm);
        if (current != null && clock.instant().isBefore(current.recheckAt())) {
            return current;
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("we do not sign with " + algorithm);
        }
        return rotateIfDue(algorithm);
    }

    private synchronized ActiveKey rotateIfDue(JWSAlgorithm algorithm) {
        Instant now = clock.instant();
        ActiveKey current = active.get(algorithm);
        if (current != null && now.isBefore(current.recheckAt())) {
            return current;
        }
        List<SigningKey> keys = ofAlgorithm(reload(now), algorithm);
        if (keys.isEmpty() || !now.isBefore(successorDue(keys.get(0)))) {
            // The first key, or the successor: published now, signing once it is publishAhead old, unless no
            // other key may sign until then (then at once: see chooseSigning).
            announce(generate(algorithm, now, false), now);
            keys = ofAlgorithm(reload(now), algorithm);
        }
        return activate(keys, chooseSigning(keys, now), now);
    }

    private void announce(SigningKey created, Instant now) {
        int deleted = store.deleteCreatedBefore(now.minus(verifyFor));
        LOG.info("New signing key {} ({}), signing from {}; {} expired key(s) removed", created.kid(), created.algorithm(),
                created.createdAt().plus(publishAhead), deleted);
    }

    /**
     * The key to sign with: the newest one published for {@code publishAhead}, while it may still sign;
     * else the oldest key that may still sign (the very first key, a key made before keys were published
     * ahead, or a successor made so late that the key before it may sign no longer).
     */
    private SigningKey chooseSigning(List<SigningKey> newestFirst, Instant now) {
        for (SigningKey key : newestFirst) {
            if (isPublishedLongEnough(key, now)) {
                if (now.isBefore(signingLimit(key))) {
                    return key;
                }
                break;
            }
        }
        SigningKey oldestAllowed = null;
        for (SigningKey key : newestFirst) {
            if (now.isBefore(signingLimit(key))) {
                oldestAllowed = key;
            }
        }
        if (oldestAllowed == null) {
            throw new IllegalStateException("no signing key may sign");
        }
        return oldestAllowed;
    }

    private ActiveKey activate(List<SigningKey> newestFirst, SigningKey key, Instant now) {
        Instant recheckAt = min(signingLimit(key), successorDue(newestFirst.get(0)));
        for (SigningKey newer : newestFirst) {
            if (newer.createdAt().isAfter(key.createdAt()) && !isPublishedLongEnough(newer, now)) {
                recheckAt = min(recheckAt, newer.createdAt().plus(publishAhead));
            }
        }
        JWK privateKey = store.privateKey(key.kid()).orElseThrow(() -> new IllegalStateException("signing key " + key.kid() + " vanished"));
        ActiveKey activated = new ActiveKey(key.kid(), privateKey, key.createdAt(), recheckAt);
        ActiveKey before = active.put(key.algorithm(), activated);
        if (before != null && !before.kid().equals(key.kid())) {
            LOG.info("Signing with key {} ({}) from now on", key.kid(), key.algorithm());
        }
        return activated;
    }

    private static List<SigningKey> ofAlgorithm(List<SigningKey> keys, JWSAlgorithm algorithm) {
        return keys.stream().filter(key -> key.algorithm().equals(algorithm)).toList();
    }

    private boolean isPublishedLongEnough(SigningKey key, Instant now) {
        return !now.isBefore(key.createdAt().plus(publishAhead));
    }

    /** When a key may sign no longer: {@code rotateAfter} after it began, with {@code publishAhead} of leeway for a late successor. */
    private Instant signingLimit(SigningKey key) {
        return key.createdAt().plus(rotateAfter).plus(publishAhead);
    }

    /** When the newest key's successor is made: {@code publishAhead} before the newest has signed for {@code rotateAfter}. */
    private Instant successorDue(SigningKey newest) {
        return newest.createdAt().plus(rotateAfter).minus(publishAhead);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Every stored key, newest first, with whether it signs on this instance and until when it verifies. */
    public List<SigningKeyStatus> statuses() {
        Instant now = clock.instant();
        return reload(now).stream()
                .map(key -> {
                    ActiveKey current = active.get(key.algorithm());
                    return new SigningKeyStatus(key.kid(), key.algorithm().getName(), key.createdAt(),
                            current != null && current.kid().equals(key.kid()),
                            key.createdAt().plus(verifyFor), now.isBefore(key.createdAt().plus(verifyFor)));
                })
                .toList();
    }

    /**
     * Makes a new key for each algorithm in use and signs with them from now on, on this instance (an
     * operator's "rotate now"). The old keys keep verifying until the tokens they signed have expired;
     * other instances publish the new keys within a minute and sign with them from their next rotation.
     *
     * @return the new keys' ids, ES256's first
     */
    public synchronized List<String> rotateNow() {
        Instant now = clock.instant();
        List<SigningKey> stored = reload(now);
        List<String> kids = new ArrayList<>();
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256)) {
            if (algorithm.equals(JWSAlgorithm.ES256) || !ofAlgorithm(stored, algorithm).isEmpty()) {
                SigningKey created = generate(algorithm, now, true);
                kids.add(activate(ofAlgorithm(reload(now), algorithm), created, now).kid());
            }
        }
        reload(now);
        LOG.info("Signing keys rotated by an operator: new key(s) {}", kids);
        return kids;
    }

    /** The public keys that verify our tokens now: what {@code /.well-known/jwks.json} publishes. */
    public JWKSet publicKeys() {
        Instant now = clock.instant();
        Loaded current = loaded;
        if (current == null || !now.isBefore(current.at().plus(RELOAD_EVERY))) {
            current = reloadOrKeep(current, now);
        }
        return new JWKSet(current.keys().stream()
                .filter(key -> now.isBefore(key.createdAt().plus(verifyFor)))
                .<JWK>map(SigningKey::publicJwk)
                .toList());
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(publicKeys());
        Instant now = clock.instant();
        if (found.isEmpty() && now.isAfter(lastUnknownKidReload.plus(UNKNOWN_KID_RELOAD_PAUSE))) {
            // Perhaps another instance rotated: look again, but not at every forged kid.
            lastUnknownKidReload = now;
            reloadOrKeep(loaded, now);
            found = selector.select(publicKeys());
        }
        return found;
    }

    /**
     * Reloads the keys; when the database cannot be read, keeps verifying with the keys already
     * loaded (tokens keep working through a database outage) and tries again at the next reload.
     */
    private Loaded reloadOrKeep(Loaded current, Instant now) {
        try {
            return new Loaded(reload(now), now);
        } catch (DataAccessException e) {
            if (current == null) {
                throw e;
            }
            LOG.warn("Cannot reload signing keys ({}); verifying with the {} loaded ones", e.getClass().getSimpleName(),
                    current.keys().size());
            Loaded kept = new Loaded(current.keys(), now);
            loaded = kept;
            return kept;
        }
    }

    private List<SigningKey> reload(Instant now) {
        List<SigningKey> keys = store.all();
        loaded = new Loaded(keys, now);
        return keys;
    }

    /**
     * Makes and stores a key.
     *
     * @param signsAtOnce stored as published {@code publishAhead} ago, so that it signs now on every instance
     *                    although younger keys of that algorithm may exist
     */
    private SigningKey generate(JWSAlgorithm algorithm, Instant now, boolean signsAtOnce) {
        Instant createdAt = signsAtOnce ? now.minus(publishAhead) : now;
        try {
            JWK key = JWSAlgorithm.RS256.equals(algorithm)
                    ? new RSAKeyGenerator(RSA_KEY_BITS).provider(RSA_KEY_GENERATION).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                            .keyIDFromThumbprint(true).issueTime(Date.from(now)).generate()
                    : new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                            .keyIDFromThumbprint(true).issueTime(Date.from(now)).generate();
            store.insert(key, algorithm, createdAt);
            return new SigningKey(key.getKeyID(), algorithm, key.toPublicJWK(), createdAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an " + algorithm + " key", e);
        }
    }
}
