package io.alerthook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.support.SlackStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar killed with SIGKILL in the middle of a stream of notifications: no alert it acknowledged is
 * missing from the audit, no line is torn, and after a restart every acknowledged alert reaches Slack.
 */
class CrashRecoveryIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @Test
    void losesNoAcknowledgedAlertWhenKilledMidStream(@TempDir Path work) throws Exception {
        Path auditFile = work.resolve("audit.jsonl");
        try (SlackStub slack = new SlackStub(); Processes processes = new Processes(work)) {
            int port = Processes.freePort();
            // At Slack's real pace (1/s) messages pile up in the outbox: that is what the crash must not lose.
            Process alerthook = start(processes, "alerthook-1", port, auditFile, slack, 1000);
            PackagedAlerthook.awaitHealthy(port, processes);

            Set<String> acknowledged = PackagedAlerthook.killMidStream(alerthook, port, ACKNOWLEDGED_BEFORE_KILL);

            // Every acknowledged alert is in the journal; only a line no one was told about may be cut short.
            assertThat(receivedIn(auditFile, true)).containsAll(acknowledged);

            Process restarted = start(processes, "alerthook-2", port, auditFile, slack, 10);
            PackagedAlerthook.awaitHealthy(port, processes);
            assertThat(restarted.isAlive()).isTrue();

            assertThat(receivedIn(auditFile, false)).as("no torn line after the restart").containsAll(acknowledged);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(sentToSlack(auditFile)).containsAll(acknowledged));
            assertThat(slack.deliveredWith("`crash-").size()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    private static Process start(Processes processes, String name, int port, Path auditFile, SlackStub slack, int sendInterval)
            throws IOException {
        return PackagedAlerthook.start(processes, name, Map.of(
                "SERVER_PORT", String.valueOf(port),
                "ALERTHOOK_SLACK_WEBHOOK_URL", slack.webhookUrl(),
                "ALERTHOOK_SLACK_SEND_INTERVAL", String.valueOf(sendInterval),
                "ALERTHOOK_HEALING_SEVERITIES", "",
                "ALERTHOOK_AUDIT_FILE", auditFile.toString()));
    }

    /** The fingerprints of "received" records; every line must be whole, except the last if {@code tornTailAllowed}. */
    private static Set<String> receivedIn(Path auditFile, boolean tornTailAllowed) throws IOException {
        Set<String> received = new HashSet<>();
        for (JsonNode record : records(auditFile, tornTailAllowed)) {
            if (record.path("event").asText().equals("received")) {
                received.add(record.path("fingerprint").asText());
            }
        }
        return received;
    }

    private static Set<String> sentToSlack(Path auditFile) throws IOException {
        Set<String> sent = new HashSet<>();
        for (JsonNode record : records(auditFile, false)) {
            if (record.path("event").asText().equals("slack") && record.path("outcome").asText().equals("sent")) {
                sent.add(record.path("fingerprint").asText());
            }
        }
        return sent;
    }

    private static List<JsonNode> records(Path auditFile, boolean tornTailAllowed) throws IOException {
        String text = Files.readString(auditFile, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String tail = lines.remove(lines.size() - 1);
        assertThat(tail.isEmpty() || tornTailAllowed).as("the journal ends with a whole line").isTrue();
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            records.add(MAPPER.readTree(line));
        }
        return records;
    }
}
