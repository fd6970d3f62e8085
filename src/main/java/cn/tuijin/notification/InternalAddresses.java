package cn.tuijin.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a group-robot call must never reach, with the reason in Chinese: this machine, the city's or the cloud's
 * internal networks, link-local (the cloud's metadata service at 169.254.169.254), multicast, unspecified and
 * reserved ranges; an IPv6 address that carries an IPv4 one (IPv4-mapped or -compatible, NAT64, 6to4) is judged by
 * the IPv4 address it carries. The JDK classifies what it can; the rest are the networks listed here.
 */
final class InternalAddresses {

    /** A network: the first address and the length of the prefix. */
    private record Network(byte[] first, int bits) {

        static Network of(String cidr) {
            String[] parts = cidr.split("/");
            try {
                return new Network(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != first.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (first[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Private networks the JDK's {@link InetAddress#isSiteLocalAddress()} leaves out. */
    private static final List<Network> PRIVATE = List.of(Network.of("100.64.0.0/10"), Network.of("fc00::/7"),
            Network.of("64:ff9b:1::/48"));

    /** Not for use on the Internet: "this network", IETF assignments, benchmarking, the reserved block and broadcast, Teredo. */
    private static final List<Network> RESERVED = List.of(Network.of("0.0.0.0/8"), Network.of("192.0.0.0/24"),
            Network.of("198.18.0.0/15"), Network.of("240.0.0.0/4"), Network.of("2001::/32"));

    private static final Network NAT64 = Network.of("64:ff9b::/96");
    private static final Network SIX_TO_FOUR = Network.of("2002::/16");

    private InternalAddresses() {
    }

    /** Why a call must not go to this address, or empty when it may. */
    static Optional<String> refusal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("未指定地址（0.0.0.0 或 ::）");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("本机地址");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("链路本地地址");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("组播地址");
        }
        byte[] bytes = address.getAddress();
        if (address.isSiteLocalAddress() || PRIVATE.stream().anyMatch(n -> n.contains(bytes))) {
            return Optional.of("内网地址");
        }
        if (RESERVED.stream().anyMatch(n -> n.contains(bytes))) {
            return Optional.of("保留地址");
        }
        return address instanceof Inet6Address ? carried(bytes).flatMap(InternalAddresses::refusal) : Optional.empty();
    }

    /** The IPv4 address an IPv6 address carries: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64, 6to4. */
    private static Optional<InetAddress> carried(byte[] v6) {
        byte[] v4;
        if (isZero(v6, 0, 10) && ((v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) || isZero(v6, 10, 12)) || NAT64.contains(v6)) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (SIX_TO_FOUR.contains(v6)) {
            v4 = Arrays.copyOfRange(v6, 2, 6);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
