package dev.wxlogin.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.jwt.BadJwtException;

import dev.wxlogin.sandbox.MutableClock;
import dev.wxlogin.server.crypto.AtRestEncryption;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserProfile;

/**
 * One token, one spelling: what we sign is unpadded base64url with a low-S signature, and the
 * respellings anyone could make of it without our key are refused (over HTTP: {@link AccessTokenTest}).
 */
class CanonicalTokenFormTest {

    private static final UserAccount USER = new UserAccount(7, "wxapp", "openid-7", null, UserProfile.EMPTY, false,
            Instant.EPOCH, Instant.EPOCH, 1);

    @Test
    void everyIssuedTokenHasALowSSignature() {
        AccessTokenIssuer issuer = issuer();
        // The JDK's signer makes a high S half the time: 64 tokens all low by chance is a 2^-64 event.
        for (int i = 0; i < 64; i++) {
            String token = issuer.issue(USER, "session-" + i).value();

            assertThat(s(token)).isLessThanOrEqualTo(CanonicalTokenForm.P256_HALF_ORDER);
            CanonicalTokenForm.require(token);
        }
    }

    @Test
    void theHighSTwinOfAValidTokenIsRefused() {
        String token = issuer().issue(USER, "session").value();

        assertThatThrownBy(() -> CanonicalTokenForm.require(highSTwin(token))).isInstanceOf(BadJwtException.class);
    }

    @Test
    void respellingsOfTheSameBytesAreRefused() {
        String token = issuer().issue(USER, "session").value();
        String[] parts = token.split("\\.");

        assertThatThrownBy(() -> CanonicalTokenForm.require(parts[0] + "=." + parts[1] + "." + parts[2]))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> CanonicalTokenForm.require(parts[0] + "." + parts[1] + "." + withOtherUnusedBits(parts[2])))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> CanonicalTokenForm.require(token.replace('-', '+').replace('_', '/')))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> CanonicalTokenForm.require(token + ".")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> CanonicalTokenForm.require(" " + token)).isInstanceOf(BadJwtException.class);
    }

    /** The same signature with S replaced by n - S: as valid to a plain ECDSA verifier. */
    static String highSTwin(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] high = CanonicalTokenForm.P256_ORDER.subtract(s).toByteArray();
        byte[] twin = Arrays.copyOf(signature, 64);
        Arrays.fill(twin, 32, 64, (byte) 0);
        int length = Math.min(high.length, 32);
        System.arraycopy(high, high.length - length, twin, 64 - length, length);
        return token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(twin);
    }

    /**
     * 64 bytes take 86 base64 characters, the last carrying 2 bits of data and 4 unused ones:
     * setting an unused bit spells the same bytes differently.
     */
    static String withOtherUnusedBits(String segment) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(segment.charAt(segment.length() - 1));
        String respelled = segment.substring(0, segment.length() - 1) + alphabet.charAt(last | 1);
        assertThat(respelled).isNotEqualTo(segment);
        assertThat(Base64.getUrlDecoder().decode(respelled)).isEqualTo(Base64.getUrlDecoder().decode(segment));
        return respelled;
    }

    private static BigInteger s(String token) {
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        assertThat(signature).hasSize(64);
        return new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    }

    private static AccessTokenIssuer issuer() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:canonical-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        SigningKeys keys = new SigningKeys(new SigningKeyStore(JdbcClient.create(dataSource), new AtRestEncryption(null, null)), clock,
                Duration.ofDays(30), Duration.ofHours(2), Duration.ofSeconds(30));
        return new AccessTokenIssuer(keys, clock, "https://login.example", "wxlogin", Duration.ofHours(2));
    }
}
