package io.alerthook.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.PostgresCluster;
import io.alerthook.support.SlackStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar on PostgreSQL, killed with SIGKILL in the middle of a stream of notifications and started again:
 * every alert it acknowledged is in the database and reaches Slack after the restart, and the guard remembers the
 * failed heal attempt made before the crash (the next failure is the last allowed, and it gives up).
 */
class PostgresCrashRecoveryIT {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @Test
    void losesNoAcknowledgedAlertAndKeepsTheGuardStateWhenKilledMidStream(@TempDir Path work) throws Exception {
        String url = PostgresCluster.shared().createDatabase("crash_recovery");
        JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(url, PostgresCluster.USER, PostgresCluster.PASSWORD));
        try (SlackStub slack = new SlackStub(); Processes processes = new Processes(work)) {
            int port = Processes.freePort();
            // At Slack's real pace (1/s) messages pile up in the outbox: that is what the crash must not lose.
            Process alerthook = start(processes, "alerthook-1", port, url, work, slack, 1000);
            PackagedAlerthook.awaitHealthy(port, processes);

            // The playbook "gives-up" (test-playbooks.camel.yaml) always fails and allows 2 attempts: this is the first.
            ObjectNode failing = Fixtures.fresh(Fixtures.FIRING_SINGLE, "crash-guard");
            Fixtures.labels(failing, 0).put("alertname", "GiveUpProbe").put("severity", "info");
            String failingAlert = Fixtures.fingerprint(failing, 0);
            assertThat(PackagedAlerthook.post(port, failing)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> healOutcomes(database, failingAlert).contains("failed"));

            Set<String> acknowledged = PackagedAlerthook.killMidStream(alerthook, port, ACKNOWLEDGED_BEFORE_KILL);

            assertThat(fingerprints(database, "received")).as("every acknowledged alert is committed").containsAll(acknowledged);

            start(processes, "alerthook-2", port, url, work, slack, 10);
            PackagedAlerthook.awaitHealthy(port, processes);

            // The same alert again, after Alertmanager's repeat_interval (another notification, not a duplicate).
            failing.put("groupKey", failing.get("groupKey").asText() + ":repeated");
            assertThat(PackagedAlerthook.post(port, failing)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> healOutcomes(database, failingAlert).contains("gave-up"));
            assertThat(healOutcomes(database, failingAlert)).containsExactly("started", "failed", "started", "failed", "gave-up");

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(fingerprints(database, "slack")).containsAll(acknowledged));
            // Only the message being posted when alerthook was killed may have reached Slack twice; it says so.
            assertThat(database.queryForObject("SELECT count(*) FROM audit_event WHERE event = 'slack' AND outcome = 'resent'", Integer.class))
                    .isLessThanOrEqualTo(1);
        }
    }

    private static Process start(Processes processes, String name, int port, String url, Path work, SlackStub slack,
                                 int sendInterval) throws IOException {
        Map<String, String> environment = new HashMap<>(Map.of(
                "SERVER_PORT", String.valueOf(port),
                "ALERTHOOK_STORE", "postgres",
                "SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", PostgresCluster.USER,
                "SPRING_DATASOURCE_PASSWORD", PostgresCluster.PASSWORD,
                "ALERTHOOK_SLACK_WEBHOOK_URL", slack.webhookUrl(),
                "ALERTHOOK_SLACK_SEND_INTERVAL", String.valueOf(sendInterval),
                "ALERTHOOK_AUDIT_FILE", work.resolve("audit.jsonl").toString()));
        environment.put("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", "file:routes/*.camel.yaml,file:src/test/resources/test-playbooks.camel.yaml");
        // Only the probe is healed: the stream's "Application down" alerts are for Slack.
        environment.put("ALERTHOOK_HEALING_SEVERITIES", "info");
        return PackagedAlerthook.start(processes, name, environment);
    }

    /** Fingerprints with a record of the event: "received" (not a duplicate), or "slack" sent (or resent). */
    private static Set<String> fingerprints(JdbcTemplate database, String event) {
        return Set.copyOf(database.queryForList("SELECT fingerprint FROM audit_event WHERE event = ? AND "
                + (event.equals("slack") ? "outcome IN ('sent', 'resent')" : "outcome IS NULL"), String.class, event));
    }

    private static List<String> healOutcomes(JdbcTemplate database, String fingerprint) {
        return database.queryForList("SELECT outcome FROM audit_event WHERE event = 'heal' AND fingerprint = ? ORDER BY id",
                String.class, fingerprint);
    }

}
