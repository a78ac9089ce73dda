package dev.interlock.location;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The addresses a location is never read from unless {@code interlock.locations.allow-private-addresses} is set: those
 * that reach the server itself, its network or its cloud's metadata service rather than a public host.
 */
final class InternalAddresses {

    private InternalAddresses() {}

    /**
     * Private, loopback, link-local, unspecified, multicast, carrier-grade NAT, benchmarking, documentation and
     * unique-local addresses, and IPv6 addresses that carry such an IPv4 address (IPv4-compatible, NAT64, 6to4,
     * Teredo).
     */
    static boolean isInternal(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            int b2 = b[2] & 0xff;
            return b0 == 0
                    || b0 >= 240
                    || (b0 == 100 && (b1 & 0xc0) == 64)
                    || (b0 == 198 && (b1 & 0xfe) == 18)
                    || (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2))
                    || (b0 == 192 && b1 == 88 && b2 == 99)
                    || (b0 == 198 && b1 == 51 && b2 == 100)
                    || (b0 == 203 && b1 == 0 && b2 == 113);
        }
        if (!(a instanceof Inet6Address)) {
            return false;
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if ((b[0] & 0xfe) == 0xfc // unique local fc00::/7
                || w0 == 0x2001 && w1 == 0x0db8 // documentation 2001:db8::/32
                || w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 // discard 100::/64
                || w0 == 0x0064 && w1 == 0xff9b && b[4] == 0 && b[5] == 1) { // local-use NAT64 64:ff9b:1::/48
            return true;
        }
        if (zero(b, 0, 12)) {
            // IPv4-compatible ::a.b.c.d (:: and ::1 are caught above)
            return isInternal(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (w0 == 0x0064 && w1 == 0xff9b && zero(b, 4, 12)) {
            // NAT64 64:ff9b::a.b.c.d
            return isInternal(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (w0 == 0x2002) {
            // 6to4 2002:aabb:ccdd::/48
            return isInternal(ipv4(b[2], b[3], b[4], b[5]));
        }
        if (w0 == 0x2001 && w1 == 0) {
            // Teredo 2001::/32: its server, and its client (the last 32 bits, inverted)
            return isInternal(ipv4(b[4], b[5], b[6], b[7]))
                    || isInternal(ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]));
        }
        return false;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
