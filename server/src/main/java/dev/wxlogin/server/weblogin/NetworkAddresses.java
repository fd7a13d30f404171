package dev.wxlogin.server.weblogin;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Client addresses as the phone is shown them: cut to their network ({@code 203.0.113.*}, an IPv6
 * address to its /64), and whether two of them are on the same network (the same /24 or /64).
 */
final class NetworkAddresses {

    /** Only literals are parsed: a host name would make {@link InetAddress} ask DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private NetworkAddresses() {
    }

    /** The address with its host part hidden, or {@code null} when it is not an IP address. */
    static String masked(String address) {
        return parse(address).map(ip -> {
            byte[] bytes = ip.getAddress();
            if (ip instanceof Inet4Address) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".*";
            }
            StringBuilder prefix = new StringBuilder();
            for (int group = 0; group < 4; group++) {
                prefix.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff))).append(':');
            }
            return prefix.append('*').toString();
        }).orElse(null);
    }

    /** Whether both are IP addresses of the same family on the same /24 (IPv4) or /64 (IPv6). */
    static boolean sameNetwork(String one, String other) {
        Optional<InetAddress> a = parse(one);
        Optional<InetAddress> b = parse(other);
        if (a.isEmpty() || b.isEmpty() || a.get().getAddress().length != b.get().getAddress().length) {
            return false;
        }
        int prefixBytes = a.get() instanceof Inet4Address ? 3 : 8;
        return Arrays.equals(a.get().getAddress(), 0, prefixBytes, b.get().getAddress(), 0, prefixBytes);
    }

    private static Optional<InetAddress> parse(String address) {
        if (address == null || !LITERAL.matcher(address).matches() || address.indexOf(':') < 0 && address.chars().filter(c -> c == '.').count() != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
