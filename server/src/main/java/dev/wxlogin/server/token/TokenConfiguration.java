package dev.wxlogin.server.token;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.config.StartRefusedException;
import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.user.UserStore;

/** Our tokens, wired to {@code wxlogin.token.*}. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TokenConfiguration.class);

    /** The shortest key-encryption secret accepted: 32 characters of base64 carry 192 bits. */
    static final int MINIMUM_SECRET_LENGTH = 32;

    private final Clock clock;

    TokenConfiguration(Clock clock) {
        this.clock = clock;
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        PrivateKeyEncryption encryption = null;
        if (token.encryptsPrivateKeys()) {
            if (token.keyEncryptionSecret().strip().length() < MINIMUM_SECRET_LENGTH) {
                throw new StartRefusedException("WXLOGIN_KEY_ENCRYPTION_SECRET is too short (under "
                        + MINIMUM_SECRET_LENGTH + " characters) to seal the signing keys",
                        "Set WXLOGIN_KEY_ENCRYPTION_SECRET to at least " + MINIMUM_SECRET_LENGTH
                                + " random characters, e.g. from 'openssl rand -base64 32'.");
            }
            encryption = new PrivateKeyEncryption(token.keyEncryptionSecret());
        } else if (properties.sandbox().enabled()) {
            LOG.warn("WXLOGIN_KEY_ENCRYPTION_SECRET is not set: private signing keys are stored unencrypted in the database (sandbox mode only)");
        } else {
            throw new StartRefusedException("WXLOGIN_KEY_ENCRYPTION_SECRET is not set, and the signing keys must be stored sealed",
                    "Set WXLOGIN_KEY_ENCRYPTION_SECRET to at least " + MINIMUM_SECRET_LENGTH
                            + " random characters (e.g. from 'openssl rand -base64 32') and keep it: losing it loses the keys.");
        }
        return new SigningKeys(new SigningKeyStore(jdbc, encryption), clock,
                token.signingKeyRotateAfter(), token.accessTokenTtl(), token.clockSkew());
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SigningKeys keys, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        return new AccessTokenIssuer(keys, clock, token.issuer(), token.audience(), token.accessTokenTtl());
    }

    @Bean
    RefreshTokenStore refreshTokenStore(JdbcClient jdbc, TransactionTemplate transactions, WxLoginProperties properties) {
        WxLoginProperties.Token token = properties.token();
        return new RefreshTokenStore(jdbc, transactions, clock, token.refreshTokenTtl(), token.refreshReuseGrace());
    }

    @Bean
    TokenService tokenService(AccessTokenIssuer accessTokens, RefreshTokenStore refreshTokens, UserStore users) {
        return new TokenService(accessTokens, refreshTokens, users, clock);
    }
}
