package dev.wxlogin.server.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How quickly ended sessions and disabled users are refused.
 *
 * @param revocationCheckInterval how long an instance trusts its last look at a token's user and
 *                                session ({@code WXLOGIN_REVOCATION_CHECK_INTERVAL}); 0 looks on
 *                                every request; at most 5 s, the bound the service promises
 */
@ConfigurationProperties("wxlogin.session")
public record SessionProperties(@DefaultValue("2s") Duration revocationCheckInterval) {

    private static final Duration MAX = Duration.ofSeconds(5);

    public SessionProperties {
        if (revocationCheckInterval.isNegative() || revocationCheckInterval.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("wxlogin.session.revocation-check-interval must be between 0 and 5s");
        }
    }
}
