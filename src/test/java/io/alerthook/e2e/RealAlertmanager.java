package io.alerthook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's Alertmanager, alone (no cluster), sending every group (by alertname) to one alerthook, with alerts posted to
 * its API v2 and read back with amtool, as the end-to-end tests use it.
 */
final class RealAlertmanager {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RealAlertmanager() {
    }

    /** Starts one and waits until it is ready; returns its port, which is also its external URL's. */
    static int start(Processes processes, Path work, String name, int alerthookPort, String groupWait) throws IOException {
        int port = Processes.freePort();
        Path config = Files.writeString(work.resolve(name + ".yml"), """
                route:
                  receiver: alerthook
                  group_by: [alertname]
                  group_wait: %s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: alerthook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hooks/alertmanager
                        send_resolved: true
                """.formatted(groupWait, alerthookPort));
        processes.start(name, Map.of(), "prometheus-alertmanager", "--config.file=" + config,
                "--storage.path=" + work.resolve(name + "-data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.external-url=http://127.0.0.1:" + port, "--cluster.listen-address=");
        step(name + " ready", processes, Duration.ofSeconds(60),
                () -> status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build()) == 200);
        return port;
    }

    static void postAlerts(int port, List<ObjectNode> alerts) {
        assertThat(status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.createArrayNode().addAll(alerts).toString())).build()))
                .isEqualTo(200);
    }

    /** What {@code amtool <what> query -o json} shows, e.g. {@code alert} or {@code silence}. */
    static JsonNode amtool(int port, String what) throws Exception {
        Process amtool = new ProcessBuilder("amtool", what, "query", "--alertmanager.url=http://127.0.0.1:" + port, "-o", "json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode shown = MAPPER.readTree(amtool.getInputStream());
        assertThat(amtool.waitFor()).isZero();
        return shown;
    }

    /** Waits for a step of an end-to-end test; if it does not come, fails with what the processes logged. */
    static void step(String step, Processes processes, Duration patience, Callable<Boolean> condition) {
        try {
            await(step).atMost(patience).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + step + " within " + patience.toSeconds() + " s; the processes said:\n" + processes.logs(), e);
        }
    }

    /** The status an HTTP request is answered with, -1 if there is no answer (yet). */
    static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
