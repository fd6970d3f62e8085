package cn.tuijin.notification;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One JSON POST to a group robot at an address {@link WebhookAddresses} checked: the socket connects to that address
 * (the name is not looked up again), TLS is spoken with the host's name (SNI, and the certificate must be the host's),
 * one HTTP/1.1 request, no redirect followed. The answer is its status and, for a 2xx, at most {@value #MAX_BODY}
 * bytes of its body; the whole call takes at most the timeout.
 */
final class RobotHttp {

    static final int MAX_BODY = 16 * 1024;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;

    /** What the robot answered. */
    record Answer(int status, String body) {
    }

    private final SSLSocketFactory tls;

    RobotHttp(SSLSocketFactory tls) {
        this.tls = tls;
    }

    Answer post(WebhookAddresses.Target target, String path, String json, Duration timeout) throws IOException {
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("request path " + path);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = connect(target, deadline); Socket s = target.https() ? secure(plain, target, deadline) : plain) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + target.hostHeader()
                    + "\r\nContent-Type: application/json; charset=utf-8\r\nAccept: application/json\r\nUser-Agent: Tuijin"
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(s, new BufferedInputStream(s.getInputStream()), deadline);
        }
    }

    /** Connects to the first of the checked addresses that answers. */
    private static Socket connect(WebhookAddresses.Target target, long deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : target.addresses()) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, target.port()), remaining(deadline));
                socket.setSoTimeout(remaining(deadline));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address");
    }

    private SSLSocket secure(Socket socket, WebhookAddresses.Target target, long deadline) throws IOException {
        String host = target.host().startsWith("[") ? target.host().substring(1, target.host().length() - 1)
                : target.host().endsWith(".") ? target.host().substring(0, target.host().length() - 1) : target.host();
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.host().startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remaining(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static Answer read(Socket socket, InputStream in, long deadline) throws IOException {
        try {
            while (true) {
                socket.setSoTimeout(remaining(deadline));
                String[] statusLine = line(in).split(" ", 3);
                if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
                    throw new IOException("not an HTTP answer");
                }
                int status = Integer.parseInt(statusLine[1]);
                long length = -1;
                boolean chunked = false;
                int headers = 0;
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (++headers > MAX_HEADERS) {
                        throw new IOException("too many headers");
                    } else if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring("content-length:".length()).trim());
                    } else if (lower.startsWith("transfer-encoding:")) {
                        chunked = lower.contains("chunked");
                    }
                }
                if (status / 100 == 1) {
                    continue;   // an interim answer (100 Continue): the real one follows
                }
                if (status / 100 != 2) {
                    return new Answer(status, "");
                }
                byte[] body = chunked ? chunks(socket, in, deadline) : bytes(socket, in, length, deadline);
                return new Answer(status, new String(body, StandardCharsets.UTF_8));
            }
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP answer", e);
        }
    }

    private static byte[] chunks(Socket socket, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0 || body.size() + n > MAX_BODY) {
                return body.toByteArray();
            }
            body.writeBytes(bytes(socket, in, n, deadline));
            line(in);
        }
    }

    /** {@code length} bytes, or up to the end when the length is not known (-1); never more than {@value #MAX_BODY}. */
    private static byte[] bytes(Socket socket, InputStream in, long length, long deadline) throws IOException {
        int wanted = (int) Math.min(length < 0 ? MAX_BODY : length, MAX_BODY);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (body.size() < wanted) {
            socket.setSoTimeout(remaining(deadline));
            int read = in.read(buffer, 0, Math.min(buffer.length, wanted - body.size()));
            if (read < 0) {
                if (length >= 0) {
                    throw new EOFException();
                }
                break;
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    /** A line of the head, without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long millis = (deadline - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }
}
