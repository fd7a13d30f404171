package dev.wxlogin.server.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;

/**
 * Signing keys in the {@code signing_key} table. Private keys are sealed with the key-encryption
 * secret when one is configured; they are read only for the key that signs, and never logged.
 */
class SigningKeyStore {

    private final JdbcClient jdbc;
    private final PrivateKeyEncryption encryption;

    /** @param encryption how to seal private keys, or {@code null} to store them as they are */
    SigningKeyStore(JdbcClient jdbc, PrivateKeyEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    void insert(ECKey key, Instant createdAt) {
        String kid = key.getKeyID();
        String privateJwk = key.toJSONString();
        jdbc.sql("""
                        INSERT INTO signing_key (kid, algorithm, public_jwk, private_jwk, private_key_encryption, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .param(kid).param(JWSAlgorithm.ES256.getName()).param(key.toPublicJWK().toJSONString())
                .param(encryption == null ? privateJwk : encryption.seal(kid, privateJwk))
                .param(encryption == null ? PrivateKeyEncryption.NONE : PrivateKeyEncryption.SCHEME)
                .param(Timestamp.from(createdAt))
                .update();
    }

    /** Every stored key, newest first, public parts only. */
    List<SigningKey> all() {
        return jdbc.sql("SELECT kid, public_jwk, created_at FROM signing_key ORDER BY created_at DESC, kid")
                .query(SigningKeyStore::map).list();
    }

    /**
     * The full key (with its private part) of {@code kid}.
     *
     * @throws IllegalStateException when it is sealed and no secret is configured
     * @throws WrongKeyEncryptionSecretException when the configured secret does not open it
     */
    Optional<ECKey> privateKey(String kid) {
        return jdbc.sql("SELECT private_jwk, private_key_encryption FROM signing_key WHERE kid = ?").param(kid)
                .query((rs, row) -> open(kid, rs.getString("private_jwk"), rs.getString("private_key_encryption")))
                .optional();
    }

    /** Removes keys made before {@code cutoff}: they sign nothing and no token they signed is still valid. */
    int deleteCreatedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM signing_key WHERE created_at < ?").param(Timestamp.from(cutoff)).update();
    }

    private ECKey open(String kid, String stored, String scheme) {
        String json;
        if (PrivateKeyEncryption.NONE.equals(scheme)) {
            json = stored;
        } else if (PrivateKeyEncryption.SCHEME.equals(scheme)) {
            if (encryption == null) {
                throw new IllegalStateException("signing key " + kid
                        + " is stored encrypted but WXLOGIN_KEY_ENCRYPTION_SECRET is not set");
            }
            json = encryption.open(kid, stored);
        } else {
            throw new IllegalStateException("signing key " + kid + " uses unknown encryption " + scheme);
        }
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            // Not chained: the parser's message could quote the private key.
            throw new IllegalStateException("signing key " + kid + " is not a valid EC JWK");
        }
    }

    private static SigningKey map(ResultSet rs, int row) throws SQLException {
        String kid = rs.getString("kid");
        try {
            return new SigningKey(kid, ECKey.parse(rs.getString("public_jwk")), rs.getTimestamp("created_at").toInstant());
        } catch (ParseException e) {
            throw new IllegalStateException("public key " + kid + " is not a valid EC JWK", e);
        }
    }
}
