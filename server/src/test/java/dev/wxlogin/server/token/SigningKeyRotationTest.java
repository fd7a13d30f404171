package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.server.crypto.AtRestEncryption;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserProfile;

/**
 * Signing keys over a real (in-memory H2) database migrated by our Flyway scripts, with a clock the
 * test moves: persistence, age-based rotation, the overlap during which an old key still verifies,
 * and private keys sealed at rest.
 */
class SigningKeyRotationTest {

    static final Duration ROTATE_AFTER = Duration.ofDays(30);
    static final Duration PUBLISH_AHEAD = Duration.ofDays(1);
    static final Duration TTL = Duration.ofHours(2);
    static final Duration SKEW = Duration.ofSeconds(30);
    static final UserAccount USER = new UserAccount(42, "wxapp", "openid-42", null, UserProfile.EMPTY, false,
            Instant.EPOCH, Instant.EPOCH, 1);

    JdbcClient jdbc;
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @Test
    void firstStartMakesAKeyAndLaterStartsReuseIt() {
        String first = keys(null).activeKey().kid();
        String second = keys(null).activeKey().kid();

        assertThat(second).isEqualTo(first);
        assertThat(storedEs256Kids()).containsExactly(first);
    }

    @Test
    void keyOlderThanRotateAfterIsReplacedAndStillVerifiesItsTokensUntilTheyExpire() throws Exception {
        SigningKeys keys = keys(null);
        AccessTokenIssuer issuer = new AccessTokenIssuer(keys, clock, "https://login.example", "wxlogin", TTL, Es256Provider.select());
        String oldKid = keys.activeKey().kid();
        clock.advance(ROTATE_AFTER.minusSeconds(1));
        String lastOldToken = issuer.issue(USER, "session-1").value();

        clock.advance(Duration.ofSeconds(1));
        String newKid = keys.activeKey().kid();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(es256Kids(keys)).containsExactlyInAnyOrder(oldKid, newKid);
        assertThat(signatureVerifies(keys, lastOldToken)).isTrue();

        clock.advance(TTL.plus(SKEW));
        assertThat(es256Kids(keys)).containsExactly(newKid);
        assertThat(signatureVerifies(keys, lastOldToken)).isFalse();
    }

    @Test
    void expiredKeysAreDeletedAtTheNextRotation() {
        SigningKeys keys = keys(null);
        String a = keys.activeKey().kid();
        clock.advance(ROTATE_AFTER);
        String b = keys.activeKey().kid();
        clock.advance(ROTATE_AFTER);
        String c = keys.activeKey().kid();

        assertThat(storedEs256Kids()).containsExactlyInAnyOrder(b, c).doesNotContain(a);
    }

    @Test
    void anotherInstancesFreshKeyIsUsedRatherThanMakingOneMore() {
        SigningKeys one = keys(null);
        SigningKeys two = keys(null);
        clock.advance(ROTATE_AFTER);

        String rotatedByOne = one.activeKey().kid();

        assertThat(two.activeKey().kid()).isEqualTo(rotatedByOne);
        assertThat(storedEs256Kids()).hasSize(2);
    }

    @Test
    void anRs256KeyIsMadeAtStartBesideTheEs256KeyAndBothArePublishedBeforeAnyToken() {
        SigningKeys keys = keys(null);

        assertThat(algorithms()).containsExactlyInAnyOrder("ES256", "RS256");
        SigningKeys.ActiveKey rs256 = keys.activeKey(JWSAlgorithm.RS256);
        String es256 = keys.activeKey().kid();
        assertThat(rs256.jwk()).isInstanceOf(RSAKey.class);
        assertThat(((RSAKey) rs256.jwk()).size()).isEqualTo(2048);
        assertThat(rs256.kid()).isNotEqualTo(es256);
        assertThat(kids(keys)).containsExactlyInAnyOrder(es256, rs256.kid());
        assertThat(keys.publicKeys().getKeys()).allSatisfy(jwk -> assertThat(jwk.isPrivate()).isFalse());
        assertThat(keys(null).activeKey(JWSAlgorithm.RS256).kid()).as("another instance signs with the stored key").isEqualTo(rs256.kid());
        assertThat(algorithms()).as("and makes none of its own").hasSize(2);
    }

    @Test
    void eachAlgorithmRotatesByItsOwnKeysAge() {
        SigningKeys keys = keys(null);
        String es256 = keys.activeKey().kid();
        String rs256 = keys.activeKey(JWSAlgorithm.RS256).kid();

        clock.advance(ROTATE_AFTER);

        assertThat(keys.activeKey().kid()).isNotEqualTo(es256);
        assertThat(algorithms()).as("RS256 rotates at its own next signature").containsExactlyInAnyOrder("ES256", "ES256", "RS256");
        assertThat(keys.activeKey(JWSAlgorithm.RS256).kid()).isNotEqualTo(rs256);
    }

    @Test
    void rotatingNowReplacesTheKeyOfEveryAlgorithm() {
        SigningKeys keys = keys(null);
        String es256 = keys.activeKey().kid();
        String rs256 = keys.activeKey(JWSAlgorithm.RS256).kid();

        List<String> rotated = keys.rotateNow();

        assertThat(rotated).hasSize(2).doesNotContain(es256, rs256);
        assertThat(rotated).containsExactly(keys.activeKey().kid(), keys.activeKey(JWSAlgorithm.RS256).kid());
        assertThat(keys.statuses()).filteredOn(SigningKeyStatus::signing).extracting(SigningKeyStatus::algorithm)
                .containsExactlyInAnyOrder("ES256", "RS256");
    }

    @Test
    void anAlgorithmWeDoNotSignWithIsRefused() {
        assertThatThrownBy(() -> keys(null).activeKey(JWSAlgorithm.HS256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anRs256PrivateKeyIsSealedLikeTheOthers() {
        String kid = keys("correct horse battery staple").activeKey(JWSAlgorithm.RS256).kid();

        String stored = jdbc.sql("SELECT private_jwk FROM signing_key WHERE kid = ?").param(kid).query(String.class).single();

        assertThat(stored).doesNotContain("\"d\"").doesNotContain("\"kty\"");
        assertThat(keys("correct horse battery staple").activeKey(JWSAlgorithm.RS256).jwk().isPrivate()).isTrue();
    }

    @Test
    void privateKeysAreSealedWhenASecretIsConfigured() {
        String kid = keys("correct horse battery staple").activeKey().kid();

        String stored = jdbc.sql("SELECT private_jwk FROM signing_key WHERE kid = ?").param(kid).query(String.class).single();
        String scheme = jdbc.sql("SELECT private_key_encryption FROM signing_key WHERE kid = ?").param(kid).query(String.class).single();

        assertThat(scheme).isEqualTo(AtRestEncryption.SCHEME);
        assertThat(stored).doesNotContain("\"d\"").doesNotContain("\"kty\"");
        assertThat(keys("correct horse battery staple").activeKey().kid()).isEqualTo(kid);
        assertThatThrownBy(() -> keys("wrong secret")).isInstanceOf(WrongKeyEncryptionSecretException.class)
                .hasMessageContaining(kid).hasMessageNotContaining("correct horse");
        assertThatThrownBy(() -> keys(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WXLOGIN_KEY_ENCRYPTION_SECRET");
    }

    @Test
    void aRotatedSecretIsAcceptedWhileItIsThePreviousOneAndEveryKeyIsSealedAnew() {
        String kid = keys("old secret").activeKey().kid();
        String sealedWithOld = jdbc.sql("SELECT private_jwk FROM signing_key WHERE kid = ?").param(kid).query(String.class).single();

        assertThat(keys("new secret", "old secret").activeKey().kid()).isEqualTo(kid);

        assertThat(jdbc.sql("SELECT private_jwk FROM signing_key WHERE kid = ?").param(kid).query(String.class).single())
                .isNotEqualTo(sealedWithOld);
        assertThat(keys("new secret").activeKey().kid()).isEqualTo(kid);
        assertThatThrownBy(() -> keys("old secret")).isInstanceOf(WrongKeyEncryptionSecretException.class);
    }

    @Test
    void aKeyStoredWithoutASecretIsSealedOnceOneIsConfigured() {
        String kid = keys(null).activeKey().kid();

        assertThat(keys("a secret at last").activeKey().kid()).isEqualTo(kid);

        String scheme = jdbc.sql("SELECT private_key_encryption FROM signing_key WHERE kid = ?").param(kid).query(String.class).single();
        assertThat(scheme).isEqualTo(AtRestEncryption.SCHEME);
        assertThat(jdbc.sql("SELECT private_jwk FROM signing_key WHERE kid = ?").param(kid).query(String.class).single())
                .doesNotContain("\"d\"");
    }

    @Test
    void withoutASecretTheKeyIsStoredAsItIs() {
        String kid = keys(null).activeKey().kid();
        String scheme = jdbc.sql("SELECT private_key_encryption FROM signing_key WHERE kid = ?").param(kid).query(String.class).single();
        assertThat(scheme).isEqualTo(SigningKeyStore.NONE);
    }

    @Test
    void aSuccessorIsPublishedAheadAndSignsOnlyOnceItHasBeenPublishedThatLong() throws Exception {
        SigningKeys keys = keysPublishingAhead();
        AccessTokenIssuer issuer = new AccessTokenIssuer(keys, clock, "https://login.example", "wxlogin", TTL, Es256Provider.select());
        String first = keys.activeKey().kid();
        assertThat(es256Kids(keys)).as("the very first key signs at once").containsExactly(first);

        clock.advance(ROTATE_AFTER.minus(PUBLISH_AHEAD).minusSeconds(1));
        assertThat(keys.activeKey().kid()).isEqualTo(first);
        assertThat(es256Kids(keys)).containsExactly(first);

        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.activeKey().kid()).as("the successor is published, the first key still signs").isEqualTo(first);
        List<String> published = es256Kids(keys);
        assertThat(published).hasSize(2).contains(first);
        String successor = published.stream().filter(kid -> !kid.equals(first)).findFirst().orElseThrow();
        String signedMeanwhile = issuer.issue(USER, "session-1").value();
        assertThat(SignedJWT.parse(signedMeanwhile).getHeader().getKeyID()).isEqualTo(first);
        assertThat(keysPublishingAhead().activeKey().kid()).as("another instance agrees").isEqualTo(first);

        clock.advance(PUBLISH_AHEAD.minusSeconds(1));
        assertThat(keys.activeKey().kid()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.activeKey().kid()).as("published for a day: it signs").isEqualTo(successor);
        assertThat(keysPublishingAhead().activeKey().kid()).isEqualTo(successor);
        assertThat(signatureVerifies(keys, signedMeanwhile)).isTrue();
        assertThat(storedEs256Kids()).hasSize(2);
    }

    @Test
    void aKeyMadeBeforeKeysWerePublishedAheadKeepsSigningAndNoKeyIsAdded() {
        String before = keys(null).activeKey().kid();

        assertThat(keysPublishingAhead().activeKey().kid()).isEqualTo(before);
        assertThat(storedEs256Kids()).containsExactly(before);
    }

    @Test
    void afterASilenceLongerThanAKeyMaySignItsSuccessorSignsAtOnce() {
        SigningKeys keys = keysPublishingAhead();
        String first = keys.activeKey().kid();

        clock.advance(ROTATE_AFTER.plus(PUBLISH_AHEAD));
        String next = keys.activeKey().kid();

        assertThat(next).isNotEqualTo(first);
        assertThat(keysPublishingAhead().activeKey().kid()).isEqualTo(next);
        assertThat(storedEs256Kids()).hasSize(2);
    }

    @Test
    void rotatingNowSignsWithTheNewKeysAtOnceOnEveryInstanceThatLooksAgain() {
        SigningKeys keys = keysPublishingAhead();
        String old = keys.activeKey().kid();

        List<String> rotated = keys.rotateNow();

        assertThat(keys.activeKey().kid()).isEqualTo(rotated.get(0)).isNotEqualTo(old);
        assertThat(keysPublishingAhead().activeKey().kid()).as("a starting instance").isEqualTo(rotated.get(0));
        assertThat(es256Kids(keys)).contains(old, rotated.get(0));
    }

    @Test
    void aPublishAheadLongerThanHalfTheRotationIsRefused() {
        SigningKeyStore store = new SigningKeyStore(jdbc, new AtRestEncryption(null, null));
        assertThatThrownBy(() -> new SigningKeys(store, clock, ROTATE_AFTER, ROTATE_AFTER.dividedBy(2).plusSeconds(1), TTL, SKEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publish-ahead");
    }

    private SigningKeys keysPublishingAhead() {
        return new SigningKeys(new SigningKeyStore(jdbc, new AtRestEncryption(null, null)), clock, ROTATE_AFTER, PUBLISH_AHEAD, TTL, SKEW);
    }

    private SigningKeys keys(String secret) {
        return keys(secret, null);
    }

    private SigningKeys keys(String secret, String previousSecret) {
        SigningKeyStore store = new SigningKeyStore(jdbc, new AtRestEncryption(secret, previousSecret));
        store.resealUnderCurrentSecret();
        return new SigningKeys(store, clock, ROTATE_AFTER, TTL, SKEW);
    }

    private List<String> algorithms() {
        return jdbc.sql("SELECT algorithm FROM signing_key").query(String.class).list();
    }

    private List<String> storedEs256Kids() {
        return jdbc.sql("SELECT kid FROM signing_key WHERE algorithm = 'ES256'").query(String.class).list();
    }

    private static List<String> kids(SigningKeys keys) {
        return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static List<String> es256Kids(SigningKeys keys) {
        return keys.publicKeys().getKeys().stream().filter(key -> "ES256".equals(key.getAlgorithm().getName())).map(JWK::getKeyID).toList();
    }

    /** Checks the signature against the published keys only; the claims' times belong to the test clock. */
    private static boolean signatureVerifies(SigningKeys keys, String token) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AccessTokenIssuer.TYPE)));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        try {
            processor.process(token, null);
            return true;
        } catch (Exception refused) {
            return false;
        }
    }
}
