package io.alerthook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.SlackClicks;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Attempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * alerthook as a Slack app, between a real Alertmanager (Debian's) and the Slack stub's Web API: Alertmanager's
 * notifications of one group become one thread, which goes on after alerthook restarts; a signed press of Silence 1h
 * creates the silence in that Alertmanager, as amtool shows, and the parent says who silenced it until when.
 */
class SlackAppIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CHANNEL = "#incidents";

    @Test
    void oneThreadAcrossARestartAndASilenceFromSlackInAlertmanager(@TempDir Path work) throws Exception {
        RequiredTools.require(List.of(List.of("prometheus-alertmanager", "--version"), List.of("amtool", "--version")));
        try (SlackStub slack = new SlackStub(); Processes processes = new Processes(work)) {
            int port = Processes.freePort();
            Process alerthook = start(processes, work, port, slack);
            PackagedAlerthook.awaitHealthy(port, processes);
            int alertmanager = RealAlertmanager.start(processes, work, "alertmanager", port, "1s");

            postAlert(alertmanager, "web-1");
            RealAlertmanager.step("the incident's parent posted", processes, PATIENCE, () -> slack.postedWith("SlackAppProbe").size() == 1);
            Attempt parent = slack.postedWith("SlackAppProbe").get(0);
            assertThat(parent.argument("channel")).isEqualTo(CHANNEL);
            assertThat(parent.argument("thread_ts")).isNull();
            assertThat(parent.text()).contains("[FIRING:1] SlackAppProbe");

            alerthook.destroy();
            assertThat(alerthook.waitFor(30, TimeUnit.SECONDS)).as("alerthook stops").isTrue();
            start(processes, work, port, slack);
            PackagedAlerthook.awaitHealthy(port, processes);
            postAlert(alertmanager, "web-2");
            RealAlertmanager.step("the new alert as a reply in the same thread", processes, PATIENCE, () -> slack.repliesTo(parent.ts()).stream()
                    .anyMatch(reply -> reply.text().contains("web-2")));
            RealAlertmanager.step("the parent updated to both alerts", processes, PATIENCE, () -> slack.callsWith("chat.update", "SlackAppProbe").stream()
                    .anyMatch(update -> update.text().contains("[FIRING:2] SlackAppProbe")));

            JsonNode latest = slack.callsWith("chat.update", "SlackAppProbe").get(slack.callsWith("chat.update", "SlackAppProbe").size() - 1).payload();
            HttpResponse<String> pressed = SlackClicks.post(port, SlackClicks.form(SlackClicks.button(latest, "silence-1h"), "U0ALICE",
                    slack.responseUrl("U0ALICE")), SlackClicks.SIGNING_SECRET, Instant.now());
            assertThat(pressed.statusCode()).isEqualTo(200);

            RealAlertmanager.step("the silence in Alertmanager", processes, PATIENCE, () -> !RealAlertmanager.amtool(alertmanager, "silence").isEmpty());
            JsonNode silence = RealAlertmanager.amtool(alertmanager, "silence").get(0);
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
            RealAlertmanager.step("the parent says who silenced it", processes, PATIENCE, () -> slack.callsWith("chat.update", "SlackAppProbe").stream()
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

    private static void postAlert(int alertmanager, String instance) {
        ObjectNode alert = MAPPER.createObjectNode();
        alert.putObject("labels").put("alertname", "SlackAppProbe").put("instance", instance).put("severity", "critical");
        alert.putObject("annotations").put("title", "Probe down on " + instance);
        RealAlertmanager.postAlerts(alertmanager, List.of(alert));
    }
}
