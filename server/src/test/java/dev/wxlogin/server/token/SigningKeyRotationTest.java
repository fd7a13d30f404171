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
        assertThat(storedKids()).containsExactly(first);
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
        assertThat(kids(keys)).containsExactlyInAnyOrder(oldKid, newKid);
        assertThat(signatureVerifies(keys, lastOldToken)).isTrue();

        clock.advance(TTL.plus(SKEW));
        assertThat(kids(keys)).containsExactly(newKid);
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

        assertThat(storedKids()).containsExactlyInAnyOrder(b, c).doesNotContain(a);
    }

    @Test
    void anotherInstancesFreshKeyIsUsedRatherThanMakingOneMore() {
        SigningKeys one = keys(null);
        SigningKeys two = keys(null);
        clock.advance(ROTATE_AFTER);

        String rotatedByOne = one.activeKey().kid();

        assertThat(two.activeKey().kid()).isEqualTo(rotatedByOne);
        assertThat(storedKids()).hasSize(2);
    }

    @Test
    void anRs256KeyIsMadeOnFirstUseBesideTheEs256KeyAndBothArePublished() {
        SigningKeys keys = keys(null);
        String es256 = keys.activeKey().kid();
        assertThat(algorithms()).containsExactly("ES256");

        SigningKeys.ActiveKey rs256 = keys.activeKey(JWSAlgorithm.RS256);

        assertThat(rs256.jwk()).isInstanceOf(RSAKey.class);
        assertThat(((RSAKey) rs256.jwk()).size()).isEqualTo(2048);
        assertThat(rs256.kid()).isNotEqualTo(es256);
        assertThat(keys.activeKey().kid()).isEqualTo(es256);
        assertThat(algorithms()).containsExactlyInAnyOrder("ES256", "RS256");
        assertThat(kids(keys)).containsExactlyInAnyOrder(es256, rs256.kid());
        assertThat(keys.publicKeys().getKeys()).allSatisfy(jwk -> assertThat(jwk.isPrivate()).isFalse());
        assertThat(keys(null).activeKey(JWSAlgorithm.RS256).kid()).as("another instance signs with the stored key").isEqualTo(rs256.kid());
    }

    @Test
    void eachAlgorithmRotatesByItsOwnKeysAge() {
        SigningKeys keys = keys(null);
        String es256 = keys.activeKey().kid();
        clock.advance(ROTATE_AFTER.dividedBy(2));
        String rs256 = keys.activeKey(JWSAlgorithm.RS256).kid();

        clock.advance(ROTATE_AFTER.dividedBy(2));

        assertThat(keys.activeKey(JWSAlgorithm.RS256).kid()).as("RS256 key is half its age").isEqualTo(rs256);
        assertThat(keys.activeKey().kid()).isNotEqualTo(es256);
        clock.advance(ROTATE_AFTER.dividedBy(2));
        assertThat(keys.activeKey(JWSAlgorithm.RS256).kid()).isNotEqualTo(rs256);
    }

    @Test
    void rotatingNowReplacesTheKeyOfEveryAlgorithmInUse() {
        SigningKeys keys = keys(null);
        String es256 = keys.activeKey().kid();
        assertThat(keys.rotateNow()).hasSize(1).doesNotContain(es256);

        String rs256 = keys.activeKey(JWSAlgorithm.RS256).kid();
        List<String> rotated = keys.rotateNow();

        assertThat(rotated).hasSize(2).doesNotContain(rs256);
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

    private List<String> storedKids() {
        return jdbc.sql("SELECT kid FROM signing_key").query(String.class).list();
    }

    private static List<String> kids(SigningKeys keys) {
        return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
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
