package dev.wxlogin.server.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkAddressesTest {

    @Test
    void anIpv4AddressIsShownToItsSlash24AndAnIpv6AddressToItsSlash64() {
        assertThat(NetworkAddresses.masked("203.0.113.77")).isEqualTo("203.0.113.*");
        assertThat(NetworkAddresses.masked("2001:db8:85a3:12:8a2e:370:7334:1")).isEqualTo("2001:db8:85a3:12:*");
        assertThat(NetworkAddresses.masked("::ffff:198.51.100.9")).isEqualTo("198.51.100.*");
    }

    @Test
    void somethingThatIsNotAnIpLiteralIsNotShownAndNeverLookedUp() {
        assertThat(NetworkAddresses.masked(null)).isNull();
        assertThat(NetworkAddresses.masked("localhost")).isNull();
        assertThat(NetworkAddresses.masked("evil.example")).isNull();
        assertThat(NetworkAddresses.masked("12")).isNull();
    }

    @Test
    void theSameNetworkIsTheSameSlash24OrSlash64OfTheSameFamily() {
        assertThat(NetworkAddresses.sameNetwork("203.0.113.7", "203.0.113.200")).isTrue();
        assertThat(NetworkAddresses.sameNetwork("203.0.113.7", "203.0.114.7")).isFalse();
        assertThat(NetworkAddresses.sameNetwork("2001:db8::1", "2001:db8::ffff:2")).isTrue();
        assertThat(NetworkAddresses.sameNetwork("2001:db8:0:1::1", "2001:db8:0:2::1")).isFalse();
        assertThat(NetworkAddresses.sameNetwork("127.0.0.1", "::1")).isFalse();
        assertThat(NetworkAddresses.sameNetwork(null, "127.0.0.1")).isFalse();
    }
}
