package dev.wxlogin.server.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.wxlogin.server.crypto.AtRestEncryption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

/**
 * Signing keys in the {@code signing_key} table. Private keys are sealed with the key-encryption
 * secret when one is configured, bound to their key id; they are read only for the key that signs,
 * and never logged.
 */
class SigningKeyStore {

    /** The value of {@code signing_key.private_key_encryption} for keys stored as they are, with no secret. */
    static final String NONE = "NONE";

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyStore.class);

    private final JdbcClient jdbc;
    private final AtRestEncryption encryption;

    /** @param encryption how to seal private keys; when it has no secret they are stored as they are */
    SigningKeyStore(JdbcClient jdbc, AtRestEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    void insert(JWK key, JWSAlgorithm algorithm, Instant createdAt) {
        String kid = key.getKeyID();
        String privateJwk = key.toJSONString();
        jdbc.sql("""
                        INSERT INTO signing_key (kid, algorithm, public_jwk, private_jwk, private_key_encryption, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .param(kid).param(algorithm.getName()).param(key.toPublicJWK().toJSONString())
                .param(encryption.enabled() ? encryption.seal(kid, privateJwk) : privateJwk)
                .param(encryption.enabled() ? AtRestEncryption.SCHEME : NONE)
                .param(Timestamp.from(createdAt))
                .update();
    }

    /** Every stored key, newest first, public parts only. */
    List<SigningKey> all() {
        return jdbc.sql("SELECT kid, algorithm, public_jwk, created_at FROM signing_key ORDER BY created_at DESC, kid")
                .query(SigningKeyStore::map).list();
    }

    /**
     * The full key (with its private part) of {@code kid}.
     *
     * @throws IllegalStateException when it is sealed and no secret is configured
     * @throws WrongKeyEncryptionSecretException when the configured secret does not open it
     */
    Optional<JWK> privateKey(String kid) {
        return jdbc.sql("SELECT private_jwk, private_key_encryption FROM signing_key WHERE kid = ?").param(kid)
                .query((rs, row) -> open(kid, rs.getString("private_jwk"), rs.getString("private_key_encryption")))
                .optional();
    }

    /** Removes keys made before {@code cutoff}: they sign nothing and no token they signed is still valid. */
    int deleteCreatedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM signing_key WHERE created_at < ?").param(Timestamp.from(cutoff)).update();
    }

    /**
     * Seals, under the current secret, every private key stored as it is or sealed with the previous
     * secret. Each row is replaced only if it still holds what was read, so instances starting
     * together do not interfere, and a second run changes nothing.
     *
     * @return how many keys were sealed anew
     * @throws WrongKeyEncryptionSecretException when a sealed key opens with neither secret
     */
    int resealUnderCurrentSecret() {
        if (!encryption.enabled()) {
            return 0;
        }
        record Stored(String kid, String privateJwk, String scheme) {
        }
        int resealed = 0;
        for (Stored row : jdbc.sql("SELECT kid, private_jwk, private_key_encryption FROM signing_key")
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).list()) {
            String plain;
            if (NONE.equals(row.scheme())) {
                plain = row.privateJwk();
            } else {
                AtRestEncryption.Opened opened = opened(row.kid(), row.privateJwk(), row.scheme());
                if (!opened.sealedWithPrevious()) {
                    continue;
                }
                plain = opened.plaintext();
            }
            resealed += jdbc.sql("UPDATE signing_key SET private_jwk = ?, private_key_encryption = ? "
                            + "WHERE kid = ? AND private_jwk = ?")
                    .param(encryption.seal(row.kid(), plain)).param(AtRestEncryption.SCHEME)
                    .param(row.kid()).param(row.privateJwk())
                    .update();
        }
        if (resealed > 0) {
            LOG.info("Sealed {} private signing key(s) under the current WXLOGIN_KEY_ENCRYPTION_SECRET", resealed);
        }
        return resealed;
    }

    private AtRestEncryption.Opened opened(String kid, String stored, String scheme) {
        if (!AtRestEncryption.SCHEME.equals(scheme)) {
            throw new IllegalStateException("signing key " + kid + " uses unknown encryption " + scheme);
        }
        if (!encryption.enabled()) {
            throw new IllegalStateException("signing key " + kid
                    + " is stored encrypted but WXLOGIN_KEY_ENCRYPTION_SECRET is not set");
        }
        return encryption.open(kid, stored).orElseThrow(() -> new WrongKeyEncryptionSecretException(kid));
    }

    private JWK open(String kid, String stored, String scheme) {
        String json = NONE.equals(scheme) ? stored : opened(kid, stored, scheme).plaintext();
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            // Not chained: the parser's message could quote the private key.
            throw new IllegalStateException("signing key " + kid + " is not a valid JWK");
        }
    }

    private static SigningKey map(ResultSet rs, int row) throws SQLException {
        String kid = rs.getString("kid");
        try {
            return new SigningKey(kid, JWSAlgorithm.parse(rs.getString("algorithm")), JWK.parse(rs.getString("public_jwk")),
                    rs.getTimestamp("created_at").toInstant());
        } catch (ParseException e) {
            throw new IllegalStateException("public key " + kid + " is not a valid JWK", e);
        }
    }
}
