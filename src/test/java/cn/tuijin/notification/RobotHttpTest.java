package cn.tuijin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robot call itself, against an HTTPS server on loopback whose certificate (made by the JDK's keytool) names
 * localhost: the socket goes to the address checked, TLS verifies the certificate against the host of the robot's
 * address, the request is the path and query with that host, a redirect is an answer and not followed, a chunked
 * answer is read, and a robot that does not answer costs at most the timeout.
 */
class RobotHttpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir static Path dir;
    private static HttpsServer server;
    private static RobotHttp http;
    private static final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void httpsServerWithACertificateForLocalhost() throws Exception {
        Path keys = dir.resolve("robot.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "robot", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(store, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(km.getKeyManagers(), null, null);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(store);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tm.getTrustManagers(), null);
        http = new RobotHttp(clientTls.getSocketFactory());

        server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", RobotHttpTest::answer);
        server.start();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Host")
                    + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (exchange.getRequestURI().getPath().equals("/moved")) {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        byte[] body = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, 0);   // chunked
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static WebhookAddresses.Target target(String url, InetAddress address) {
        URI uri = URI.create(url);
        return new WebhookAddresses.Target(uri, uri.getHost(), uri.getPort(), List.of(address));
    }

    private static String at(String host, String path) {
        return "https://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Test
    void theRobotGetsThePostAtTheCheckedAddressWithItsHostAndTheAnswerIsRead() throws Exception {
        WebhookAddresses.Target target = target(at("localhost", "/robot/send?access_token=t"), LOOPBACK);
        RobotHttp.Answer answer = http.post(target, target.requestPath() + "&sign=x", "{\"msgtype\":\"text\"}", Duration.ofSeconds(5));
        assertThat(answer).isEqualTo(new RobotHttp.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        assertThat(requests).contains("POST /robot/send?access_token=t&sign=x localhost:" + server.getAddress().getPort()
                + " {\"msgtype\":\"text\"}");
    }

    @Test
    void theCertificateMustNameTheRobotsHostNotItsAddress() {
        WebhookAddresses.Target elsewhere = target(at("robot.example.cn", "/robot"), LOOPBACK);
        assertThatThrownBy(() -> http.post(elsewhere, "/robot", "{}", Duration.ofSeconds(5))).isInstanceOf(SSLHandshakeException.class);
        WebhookAddresses.Target literal = target(at("127.0.0.1", "/robot"), LOOPBACK);
        assertThatThrownBy(() -> http.post(literal, "/robot", "{}", Duration.ofSeconds(5))).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() throws Exception {
        WebhookAddresses.Target target = target(at("localhost", "/moved"), LOOPBACK);
        int before = requests.size();
        assertThat(http.post(target, "/moved", "{}", Duration.ofSeconds(5))).isEqualTo(new RobotHttp.Answer(302, ""));
        assertThat(requests).hasSize(before + 1);
    }

    @Test
    void aRobotThatDoesNotAnswerCostsTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK)) {
            WebhookAddresses.Target target = target("http://localhost:" + silent.getLocalPort() + "/", LOOPBACK);
            assertThatThrownBy(() -> http.post(target, "/", "{}", Duration.ofMillis(300))).isInstanceOf(SocketTimeoutException.class);
        }
    }
}
