package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The ES256 keys our access tokens are signed with, kept in the database so that they survive
 * restarts and are shared by every instance.
 *
 * <p>Rotation is by age: the newest key signs while it is younger than {@code rotateAfter}; the first
 * signature after that makes a new key. Every key stays in the published set (and verifies) until it
 * is {@code rotateAfter + accessTokenTtl + clockSkew} old, so that tokens it signed last stay valid
 * until they expire; after that it is deleted. Other instances' new keys are picked up by reloading
 * the set every minute, and at once when a token names a key id not seen yet.
 *
 * <p>Also the {@link JWKSource} our own resource server verifies against, in-process.
 */
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration RELOAD_EVERY = Duration.ofMinutes(1);
    private static final Duration UNKNOWN_KID_RELOAD_PAUSE = Duration.ofSeconds(5);

    /** The key that signs now, with its private part. */
    record ActiveKey(String kid, ECKey jwk, Instant createdAt) {

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

    private volatile Loaded loaded;
    private volatile ActiveKey active;
    private volatile Instant lastUnknownKidReload = Instant.EPOCH;

    /**
     * Loads the stored keys and makes the first one when there is none.
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

    /** The key to sign with now; rotates first when the current one is too old. */
    ActiveKey activeKey() {
        ActiveKey current = active;
        if (current != null && isSigning(current.createdAt(), clock.instant())) {
            return current;
        }
        return rotateIfDue();
    }

    private synchronized ActiveKey rotateIfDue() {
        Instant now = clock.instant();
        if (active != null && isSigning(active.createdAt(), now)) {
            return active;
        }
        List<SigningKey> keys = reload(now);
        SigningKey newest = keys.isEmpty() ? null : keys.get(0);
        if (newest == null || !isSigning(newest.createdAt(), now)) {
            newest = generate(now);
            int deleted = store.deleteCreatedBefore(now.minus(verifyFor));
            LOG.info("New signing key {} (ES256); {} expired key(s) removed", newest.kid(), deleted);
            reload(now);
        }
        String kid = newest.kid();
        ECKey privateKey = store.privateKey(kid).orElseThrow(() -> new IllegalStateException("signing key " + kid + " vanished"));
        active = new ActiveKey(kid, privateKey, newest.createdAt());
        return active;
    }

    /** Every stored key, newest first, with whether it signs on this instance and until when it verifies. */
    public List<SigningKeyStatus> statuses() {
        Instant now = clock.instant();
        ActiveKey current = active;
        return reload(now).stream()
                .map(key -> new SigningKeyStatus(key.kid(), key.createdAt(), current != null && current.kid().equals(key.kid()),
                        key.createdAt().plus(verifyFor), now.isBefore(key.createdAt().plus(verifyFor))))
                .toList();
    }

    /**
     * Makes a new key and signs with it from now on, on this instance (an operator's "rotate now").
     * The old key keeps verifying until the tokens it signed have expired; other instances publish the
     * new key within a minute and sign with it from their next rotation.
     *
     * @return the new key's id
     */
    public synchronized String rotateNow() {
        Instant now = clock.instant();
        SigningKey key = generate(now);
        reload(now);
        ECKey privateKey = store.privateKey(key.kid()).orElseThrow(() -> new IllegalStateException("signing key " + key.kid() + " vanished"));
        active = new ActiveKey(key.kid(), privateKey, key.createdAt());
        LOG.info("Signing key rotated by an operator: new key {}", key.kid());
        return key.kid();
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

    private SigningKey generate(Instant now) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .issueTime(Date.from(now))
                    .generate();
            store.insert(key, now);
            return new SigningKey(key.getKeyID(), key.toPublicJWK(), now);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an ES256 key", e);
        }
    }
}
