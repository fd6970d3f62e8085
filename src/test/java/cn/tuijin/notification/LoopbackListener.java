package cn.tuijin.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on this machine that counts who connects to it, on 127.0.0.1 and, where the machine has IPv6, on [::1] at
 * the same port number. Nobody waits: a connection the kernel completed is in the listening socket's queue before
 * the caller's connect returns, so {@link #accepted()} drains the queues without blocking and counts.
 */
final class LoopbackListener implements AutoCloseable {

    private final List<ServerSocketChannel> channels = new ArrayList<>();
    private final int port;
    private int accepted;

    LoopbackListener() throws IOException {
        ServerSocketChannel v4 = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        v4.configureBlocking(false);
        channels.add(v4);
        port = ((InetSocketAddress) v4.getLocalAddress()).getPort();
        try {
            ServerSocketChannel v6 = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("::1"), port));
            v6.configureBlocking(false);
            channels.add(v6);
        } catch (IOException noIpv6) {
            // a machine without IPv6 loopback: [::1] cannot be reached either
        }
    }

    int port() {
        return port;
    }

    /** Connections that arrived so far. */
    int accepted() throws IOException {
        for (ServerSocketChannel channel : channels) {
            for (SocketChannel c = channel.accept(); c != null; c = channel.accept()) {
                accepted++;
                c.close();
            }
        }
        return accepted;
    }

    @Override
    public void close() throws IOException {
        for (ServerSocketChannel channel : channels) {
            channel.close();
        }
    }
}
