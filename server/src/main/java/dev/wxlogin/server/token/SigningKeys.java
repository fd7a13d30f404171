package dev.wxlogin.server.token;

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
 * the ID tokens of websites, since RS256 is what every OIDC client verifies unless told otherwise. The
 * RS256 key is made on its first use.
 *
 * <p>Rotation is by age, for each algorithm alike: the newest key signs while it is younger than
 * {@code rotateAfter}; the first signature after that makes a new key. Every key stays in the
 * published set (and verifies) until it is {@code rotateAfter + accessTokenTtl + clockSkew} old, so that
 * tokens it signed last stay valid until they expire; after that it is deleted. Other instances' new
 * keys are picked up by reloading the set every minute, and at once when a token names a key id not
 * seen yet.
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

    /** The key that signs now, with its private part. */
    record ActiveKey(String kid, JWK jwk, Instant createdAt) {

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
    private final Duration verifyFor;
    private final Map<JWSAlgorithm, ActiveKey> active = new ConcurrentHashMap<>();

    private volatile Loaded loaded;
    private volatile Instant lastUnknownKidReload = Instant.EPOCH;

    /**
     * Loads the stored keys and makes the first ES256 key when there is none.
     *
     * @param rotateAfter    age at which a key stops signing
     * @param accessTokenTtl lifetime of the tokens it signs
     * @param clockSkew      leeway of the verifiers
     */
    SigningKeys(SigningKeyStore store, Clock clock, Duration rotateAfter, Duration accessTokenTtl, Duration clockSkew) {
        this.store = store;
        this.clock = clock;
        this.rotateAfter = rotateAfter;
        this.verifyFor = rotateAfter.plus(accessTokenTtl).plus(clockSkew);
        activeKey();
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
        if (current != null && isSigning(current.createdAt(), clock.instant())) {
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
        if (current != null && isSigning(current.createdAt(), now)) {
            return current;
        }
        SigningKey newest = newest(reload(now), algorithm);
        if (newest == null || !isSigning(newest.createdAt(), now)) {
            newest = generate(algorithm, now);
            int deleted = store.deleteCreatedBefore(now.minus(verifyFor));
            LOG.info("New signing key {} ({}); {} expired key(s) removed", newest.kid(), algorithm, deleted);
            reload(now);
        }
        return activate(newest);
    }

    private ActiveKey activate(SigningKey key) {
        JWK privateKey = store.privateKey(key.kid()).orElseThrow(() -> new IllegalStateException("signing key " + key.kid() + " vanished"));
        ActiveKey activated = new ActiveKey(key.kid(), privateKey, key.createdAt());
        active.put(key.algorithm(), activated);
        return activated;
    }

    private static SigningKey newest(List<SigningKey> keys, JWSAlgorithm algorithm) {
        return keys.stream().filter(key -> key.algorithm().equals(algorithm)).findFirst().orElse(null);
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
            if (algorithm.equals(JWSAlgorithm.ES256) || newest(stored, algorithm) != null) {
                kids.add(activate(generate(algorithm, now)).kid());
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

    private boolean isSigning(Instant createdAt, Instant now) {
        return now.isBefore(createdAt.plus(rotateAfter));
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

    private SigningKey generate(JWSAlgorithm algorithm, Instant now) {
        try {
            JWK key = JWSAlgorithm.RS256.equals(algorithm)
                    ? new RSAKeyGenerator(RSA_KEY_BITS).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                            .keyIDFromThumbprint(true).issueTime(Date.from(now)).generate()
                    : new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                            .keyIDFromThumbprint(true).issueTime(Date.from(now)).generate();
            store.insert(key, algorithm, now);
            return new SigningKey(key.getKeyID(), algorithm, key.toPublicJWK(), now);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an " + algorithm + " key", e);
        }
    }
}
