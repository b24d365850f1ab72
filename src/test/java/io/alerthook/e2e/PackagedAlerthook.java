package io.alerthook.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged jar run as a process of its own, as the crash tests kill and restart it. */
final class PackagedAlerthook {

    static final Path JAR = Path.of("target/alerthook.jar");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedAlerthook() {
    }

    static Process start(Processes processes, String name, Map<String, String> environment) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn verify builds it before this test)").exists();
        return processes.start(name, environment, ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString());
    }

    static void awaitHealthy(int port, Processes processes) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build());
                return health != null && health.statusCode() == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("alerthook did not become healthy:\n" + processes.logs(), e);
        }
    }

    /**
     * Streams notifications from 4 clients, each alert in a group of its own (so no message is coalesced with another's),
     * until {@code atLeast} are acknowledged, then kills alerthook with SIGKILL mid-stream. Returns the fingerprints of
     * the alerts it acknowledged.
     */
    static Set<String> killMidStream(Process alerthook, int port, int atLeast) throws InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            clients.submit(() -> {
                while (alerthook.isAlive()) {
                    ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "crash-" + UUID.randomUUID());
                    if (post(port, notification) == 200) {
                        acknowledged.add(Fixtures.fingerprint(notification, 0));
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atLeast);
        alerthook.destroyForcibly(); // SIGKILL
        assertThat(alerthook.waitFor(10, TimeUnit.SECONDS)).isTrue();
        clients.shutdown();
        assertThat(clients.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        return acknowledged;
    }

    /** The answer's status, -1 when there was none (the process is gone). */
    static int post(int port, ObjectNode notification) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/alertmanager"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(notification))).build());
        return response == null ? -1 : response.statusCode();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
