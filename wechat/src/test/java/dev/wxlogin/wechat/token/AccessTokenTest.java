package dev.wxlogin.wechat.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void toStringNeverShowsTheValue() {
        AccessToken token = new AccessToken("ACCESS-TOKEN-VALUE", T0, T0.plusSeconds(7200));
        assertThat(token.toString()).doesNotContain("ACCESS-TOKEN-VALUE").contains("***");
    }

    @Test
    void fullLifetimeTokenIsRefreshedTheMarginAhead() {
        AccessToken token = new AccessToken("t", T0, T0.plusSeconds(7200));
        assertThat(token.refreshAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(7200 - 300));
    }

    @Test
    void shortLivedTokenIsRefreshedInItsLastTenthOnly() {
        // stable_token hands back the current token with what is left of its life, e.g. 400 s.
        AccessToken token = new AccessToken("t", T0, T0.plusSeconds(400));
        assertThat(token.refreshAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(360));
    }

    @Test
    void expiredFromItsExpiryOn() {
        AccessToken token = new AccessToken("t", T0, T0.plusSeconds(10));
        assertThat(token.isExpiredAt(T0.plusSeconds(9))).isFalse();
        assertThat(token.isExpiredAt(T0.plusSeconds(10))).isTrue();
    }

    @Test
    void sameValueIgnoresTimes() {
        AccessToken token = new AccessToken("t", T0, T0.plusSeconds(10));
        assertThat(token.sameValueAs(new AccessToken("t", T0.plusSeconds(1), T0.plusSeconds(20)))).isTrue();
        assertThat(token.sameValueAs(new AccessToken("u", T0, T0.plusSeconds(10)))).isFalse();
        assertThat(token.sameValueAs(null)).isFalse();
    }
}
