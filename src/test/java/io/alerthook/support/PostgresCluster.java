package io.alerthook.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.e2e.RequiredTools;
import io.alerthook.store.postgres.PostgresStore;
import org.awaitility.core.ConditionTimeoutException;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real PostgreSQL for the tests, from Debian's {@code postgresql} package: its own cluster made with {@code initdb}
 * in a folder under {@code target/}, started with {@code pg_ctl} on a free loopback port (no Unix socket), as a
 * non-root user (initdb refuses root: when the tests run as root, the commands run as {@code postgres}). One cluster
 * serves the whole test run, each test class in a database of its own; it is stopped and its folder removed when the
 * run ends, however it ends (a JVM shutdown hook, which lets Spring Boot's close the contexts still open first). Without
 * PostgreSQL a test is skipped, or fails with {@code CI=true}.
 */
public final class PostgresCluster {

    public static final String USER = "alerthook";
    public static final String PASSWORD = "alerthook-test-password";

    private static PostgresCluster shared;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final List<String> runAs;

    private PostgresCluster(Path binaries, Path directory, int port, List<String> runAs) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.runAs = runAs;
    }

    /** The test run's cluster, made and started on first use. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            Path binaries = binaries();
            RequiredTools.require(List.of(List.of(binaries.resolve("initdb").toString(), "--version")));
            shared = create(binaries);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitSpringBootsShutdownHook();
                shared.remove();
            }, "postgres-cluster-removal"));
        }
        return shared;
    }

    /**
     * Waits for Spring Boot's shutdown hook, if a test started an application, so that the contexts still open close
     * before their database goes: one that lost it while it stopped would wait for its heartbeat's connection, and the
     * test JVM would outlive surefire's 30 s after its exit. (A Spring Boot shutdown handler would run after them too,
     * but never in a run that starts no application.) The JVM starts all its hooks at once, so Spring Boot's shows
     * within moments if there is one.
     */
    private static void awaitSpringBootsShutdownHook() {
        try {
            Optional<Thread> hook = await().atMost(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(10))
                    .until(PostgresCluster::springBootsShutdownHook, Optional::isPresent);
            hook.get().join();
        } catch (ConditionTimeoutException noApplicationStarted) {
            // nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Thread> springBootsShutdownHook() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("SpringApplicationShutdownHook")).findFirst();
    }

    /** A new, empty database on the cluster: its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The store of one alerthook ({@code replica}) on the database at {@code url}, migrated, as alerthook opens it. */
    public static PostgresStore openStore(String url, String replica) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, USER, PASSWORD);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new PostgresStore(dataSource, url, new ObjectMapper(), Duration.ofMinutes(5), replica);
    }

    /** A test context with {@code alerthook.store=postgres} on the database at {@code url}. */
    public static void storeIn(DynamicPropertyRegistry registry, String url) {
        registry.add("alerthook.store", () -> "postgres");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown: clients are disconnected), as when the database is lost. */
    public void stop() {
        run("pg_ctl", "stop", "-D", data().toString(), "-m", "fast", "-w");
    }

    public void start() {
        run("pg_ctl", "start", "-D", data().toString(), "-w", "-t", "60", "-l", directory.resolve("server.log").toString(),
                "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories='' -c fsync=off"
                        + " -c max_connections=200");
    }

    private static PostgresCluster create(Path binaries) {
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            Path directory = Files.createTempDirectory(target, "postgres-");
            List<String> runAs = isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of();
            PostgresCluster cluster = new PostgresCluster(binaries, directory, freePort(), runAs);
            Path passwordFile = Files.writeString(directory.resolve("password"), PASSWORD, StandardCharsets.UTF_8);
            if (isRoot()) {
                cluster.chownToRunAs();
            }
            cluster.run("initdb", "-D", cluster.data().toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8");
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void remove() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run("pg_ctl", "stop", "-D", data().toString(), "-m", "immediate", "-w");
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + directory + ": " + e.getMessage());
            }
        }
    }

    /** The folder must belong to the user the server runs as; its parents must let that user through. */
    private void chownToRunAs() {
        runCommand(List.of("chown", "-R", "postgres:postgres", directory.toString()));
    }

    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>(runAs);
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        runCommand(command);
    }

    private static void runCommand(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Debian keeps the server programs out of PATH, under /usr/lib/postgresql/VERSION/bin: the newest there. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(Path.of("/usr/lib/postgresql/15/bin"));
        } catch (IOException e) {
            return Path.of("/usr/lib/postgresql/15/bin");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
