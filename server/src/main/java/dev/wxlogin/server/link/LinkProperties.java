package dev.wxlogin.server.link;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Linking one person's accounts across platforms.
 *
 * @param confirmWithin how long after proving the phone number on an account its user may still confirm a
 *                      link ({@code WXLOGIN_LINK_CONFIRM_WITHIN}); 1 minute to 1 day, since the proof is
 *                      only worth as much as it is fresh (carriers recycle numbers)
 */
@ConfigurationProperties("wxlogin.link")
public record LinkProperties(@DefaultValue("10m") Duration confirmWithin) {

    private static final Duration MIN = Duration.ofMinutes(1);
    private static final Duration MAX = Duration.ofDays(1);

    public LinkProperties {
        if (confirmWithin.compareTo(MIN) < 0 || confirmWithin.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("wxlogin.link.confirm-within must be between 1m and 1d");
        }
    }
}
