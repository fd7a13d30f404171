package dev.wxlogin.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** IPv6 clients are counted by their /64, so rotating through one's own prefix gains nothing. */
class ClientAddressKeyTest {

    @Test
    void ipv6AddressesOfOnePrefixShareAKey() {
        String first = LoginRateLimiter.addressKey("2001:db8:1234:5678::1");
        String second = LoginRateLimiter.addressKey("2001:db8:1234:5678:ffff:ffff:ffff:ffff");
        String otherPrefix = LoginRateLimiter.addressKey("2001:db8:1234:5679::1");

        assertThat(first).isEqualTo(second).isEqualTo("20010db812345678::/64");
        assertThat(otherPrefix).isNotEqualTo(first);
    }

    @Test
    void ipv4AddressesAreTheirOwnKey() {
        assertThat(LoginRateLimiter.addressKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(LoginRateLimiter.addressKey("203.0.113.8")).isNotEqualTo(LoginRateLimiter.addressKey("203.0.113.7"));
    }
}
