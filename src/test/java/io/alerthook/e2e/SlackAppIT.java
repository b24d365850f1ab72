package io.alerthook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.SlackClicks;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Attempt;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * alerthook as a Slack app, between a real Alertmanager (Debian's) and the Slack stub's Web API: Alertmanager's
 * notifications of one group become one thread, which goes on after alerthook restarts; a signed press of Silence 1h
 * creates the silence in that Alertmanager, as amtool shows, and the parent says who silenced it until when.
 */
class SlackAppIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CHANNEL = "#incidents";

    @Test
    void oneThreadAcrossARestartAndASilenceFromSlackInAlertmanager(@TempDir Path work) throws Exception {
        RequiredTools.require(List.of(List.of("prometheus-alertmanager", "--version"), List.of("amtool", "--version")));
        try (SlackStub slack = new SlackStub(); Processes processes = new Processes(work)) {
            int port = Processes.freePort();
            Process alerthook = start(processes, work, port, slack);
            PackagedAlerthook.awaitHealthy(port, processes);
            int alertmanager = alertmanager(processes, work, port);

            postAlert(alertmanager, "web-1");
            step("the incident's parent posted", processes, () -> slack.postedWith("SlackAppProbe").size() == 1);
            Attempt parent = slack.postedWith("SlackAppProbe").get(0);
            assertThat(parent.argument("channel")).isEqualTo(CHANNEL);
            assertThat(parent.argument("thread_ts")).isNull();
            assertThat(parent.text()).contains("[FIRING:1] SlackAppProbe");

            alerthook.destroy();
            assertThat(alerthook.waitFor(30, TimeUnit.SECONDS)).as("alerthook stops").isTrue();
            start(processes, work, port, slack);
            PackagedAlerthook.awaitHealthy(port, processes);
            postAlert(alertmanager, "web-2");
            step("the new alert as a reply in the same thread", processes, () -> slack.repliesTo(parent.ts()).stream()
                    .anyMatch(reply -> reply.text().contains("web-2")));
            step("the parent updated to both alerts", processes, () -> slack.callsWith("chat.update", "SlackAppProbe").stream()
                    .anyMatch(update -> update.text().contains("[FIRING:2] SlackAppProbe")));

            JsonNode latest = slack.callsWith("chat.update", "SlackAppProbe").get(slack.callsWith("chat.update", "SlackAppProbe").size() - 1).payload();
            HttpResponse<String> pressed = SlackClicks.post(port, SlackClicks.form(SlackClicks.button(latest, "silence-1h"), "U0ALICE",
                    slack.responseUrl("U0ALICE")), SlackClicks.SIGNING_SECRET, Instant.now());
            assertThat(pressed.statusCode()).isEqualTo(200);

            step("the silence in Alertmanager", processes, () -> !silences(alertmanager).isEmpty());
            JsonNode silence = silences(alertmanager).get(0);
            assertThat(silence.path("createdBy").asText()).isEqualTo("@u0alice (Slack)");
            assertThat(silence.path("matchers")).singleElement().satisfies(matcher -> {
                assertThat(matcher.path("name").asText()).isEqualTo("alertname");
                assertThat(matcher.path("value").asText()).isEqualTo("SlackAppProbe");
                assertThat(matcher.path("isRegex").asBoolean()).isFalse();
            });
            // Alertmanager starts a silence when it takes it: a moment after alerthook asked
            assertThat(Duration.between(Instant.parse(silence.path("startsAt").asText()), Instant.parse(silence.path("endsAt").asText())))
                    .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
            assertThat(silence.path("comment").asText()).startsWith("Silenced from Slack: https://slack.com/archives/C")
                    .endsWith(parent.ts().replace(".", ""));
            step("the parent says who silenced it", processes, () -> slack.callsWith("chat.update", "SlackAppProbe").stream()
                    .anyMatch(update -> update.text().contains(":no_bell: silenced by @u0alice until ")));
            assertThat(slack.repliesTo(parent.ts())).extracting(Attempt::text).anyMatch(text -> text.startsWith(":no_bell: silenced by @u0alice"));
        }
    }

    private static Process start(Processes processes, Path work, int port, SlackStub slack) throws IOException {
        return PackagedAlerthook.start(processes, "alerthook-" + Instant.now().toEpochMilli(), Map.ofEntries(
                Map.entry("SERVER_PORT", String.valueOf(port)),
                Map.entry("ALERTHOOK_AUDIT_FILE", work.resolve("audit.jsonl").toString()),
                Map.entry("ALERTHOOK_SLACK_BOT_TOKEN", SlackStub.BOT_TOKEN),
                Map.entry("ALERTHOOK_SLACK_API_URL", slack.apiUrl()),
                Map.entry("ALERTHOOK_SLACK_CHANNEL", CHANNEL),
                Map.entry("ALERTHOOK_SLACK_SIGNING_SECRET", SlackClicks.SIGNING_SECRET),
                Map.entry("ALERTHOOK_ROUTES_RELOAD_DIRECTORY", ""),
                Map.entry("JAVA_TOOL_OPTIONS", "-Xmx256m")));
    }

    /** A real Alertmanager, sending its groups to alerthook, whose external URL is where silences are made. */
    private static int alertmanager(Processes processes, Path work, int alerthookPort) throws IOException {
        int port = Processes.freePort();
        Path config = Files.writeString(work.resolve("alertmanager.yml"), """
                route:
                  receiver: alerthook
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: alerthook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hooks/alertmanager
                        send_resolved: true
                """.formatted(alerthookPort));
        processes.start("alertmanager", Map.of(), "prometheus-alertmanager", "--config.file=" + config,
                "--storage.path=" + work.resolve("alertmanager-data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.external-url=http://127.0.0.1:" + port, "--cluster.listen-address=");
        step("Alertmanager ready", processes, () -> status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build()) == 200);
        return port;
    }

    private static void postAlert(int alertmanager, String instance) throws IOException {
        ObjectNode alert = MAPPER.createObjectNode();
        alert.putObject("labels").put("alertname", "SlackAppProbe").put("instance", instance).put("severity", "critical");
        alert.putObject("annotations").put("title", "Probe down on " + instance);
        assertThat(status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alertmanager + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.createArrayNode().add(alert).toString())).build())).isEqualTo(200);
    }

    /** The active silences, as amtool shows them. */
    private static JsonNode silences(int alertmanager) throws Exception {
        Process amtool = new ProcessBuilder("amtool", "silence", "query", "--alertmanager.url=http://127.0.0.1:" + alertmanager, "-o", "json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode silences = MAPPER.readTree(amtool.getInputStream());
        assertThat(amtool.waitFor()).isZero();
        return silences;
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void step(String step, Processes processes, Callable<Boolean> condition) {
        try {
            await(step).atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + step + " within " + PATIENCE.toSeconds() + " s; the processes said:\n" + processes.logs(), e);
        }
    }
}
