package io.alerthook.healing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alerthook.healing.HealProbes.awaitHealOutcome;
import static io.alerthook.healing.HealProbes.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Playbooks running real processes: the shipped one, and those of src/test/resources/test-playbooks.camel.yaml. The
 * shipped one restarting the web app is in SelfHealingLoopIT and RestartWebAppScriptTest.
 */
@ExtendWith(OutputCaptureExtension.class)
class HealingRouteTest extends RunningAlerthook {

    private static final Path RECORDS = Path.of("target/heal-records");
    private static final Path PWNED = Path.of("/tmp/pwned");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void noLeftoverFromAnEarlierRun() throws Exception {
        Files.deleteIfExists(PWNED);
    }

    /**
     * Labels are input: whoever can post to Alertmanager chooses the instance the shipped playbook would call. An
     * instance off the script's allowlist (RESTART_WEB_APP_INSTANCES, the demo's web-app:8000 here) is refused,
     * on record, and its supervisor never hears of it; an alert of another job is not the playbook's at all.
     */
    @Test
    void theShippedPlaybookRefusesAnInstanceOffItsAllowlist(CapturedOutput output) throws Exception {
        try (RestartRecorder supervisor = new RestartRecorder()) {
            ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "heal-hostile");
            Fixtures.labels(notification, 0).put("instance", "127.0.0.1:" + supervisor.appPort());
            ObjectNode otherJob = ((ObjectNode) notification.get("alerts").get(0)).deepCopy().put("fingerprint", "0therj0b00000001");
            ((ObjectNode) otherJob.get("labels")).put("job", "prometheus");
            notification.withArray("alerts").add(otherJob);

            assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

            JsonNode refused = awaitHealOutcome(AUDIT, Fixtures.fingerprint(notification, 0));
            assertThat(refused.get("outcome").asText()).isEqualTo("failed");
            assertThat(refused.get("playbook").asText()).isEqualTo("restart-web-app");
            assertThat(refused.get("exitCode").asInt()).isEqualTo(3);
            assertThat(refused.get("argv")).extracting(JsonNode::asText)
                    .containsExactly("--instance=127.0.0.1:" + supervisor.appPort(), "--job=web-app");
            assertThat(refused.get("stderr").asText()).contains("refused: instance '127.0.0.1:" + supervisor.appPort()
                    + "' is not in RESTART_WEB_APP_INSTANCES (web-app:8000)");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(AUDIT.eventsFor("0therj0b00000001", "heal"))
                    .extracting(event -> event.get("outcome").asText()).containsExactly("no-playbook"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.receivedWith("heal-hostile"))
                    .anySatisfy(message -> assertThat(message).contains("`restart-web-app` exited 3")));
            assertThat(supervisor.restarts()).isZero();
            // One concise line in the log: the audit and Slack already have the command line and its output.
            assertThat(output.getAll()).contains("Heal failed: playbook restart-web-app exited 3 after ")
                    .doesNotContain("returned exit value");
        }
    }

    @Test
    void passesEachHostileLabelValueAsOneLiteralArgumentWithoutAShell() throws Exception {
        ObjectNode notification = probe("ArgvProbe");
        ObjectNode labels = Fixtures.labels(notification, 0);
        labels.put("path", "$(touch /tmp/pwned); rm -rf ~");
        labels.put("cmd", "`id`");
        labels.put("semi", "a;b");
        labels.put("opt", "--help");
        String fingerprint = Fixtures.fingerprint(notification, 0);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        assertThat(awaitHealOutcome(AUDIT, fingerprint).get("outcome").asText()).isEqualTo("succeeded");
        byte[] argv = Files.readAllBytes(RECORDS.resolve(fingerprint + ".argv"));
        List<String> arguments = Arrays.asList(new String(argv, StandardCharsets.UTF_8).split("\0"));
        assertThat(arguments).containsExactly("--", "$(touch /tmp/pwned); rm -rf ~", "`id`", "a;b", "--help",
                "Latency high on node-1 🚨");
        assertThat(PWNED).doesNotExist();
        JsonNode stdin = MAPPER.readTree(RECORDS.resolve(fingerprint + ".stdin").toFile());
        assertThat(stdin.at("/alert/fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(stdin.at("/alert/labels/path").asText()).isEqualTo("$(touch /tmp/pwned); rm -rf ~");
        assertThat(stdin.at("/group/groupKey").asText()).isEqualTo(notification.get("groupKey").asText());
        List<String> environment = Files.readAllLines(RECORDS.resolve(fingerprint + ".env"));
        assertThat(environment).contains("ALERT_FINGERPRINT=" + fingerprint, "ALERT_LABEL_SEMI=a;b", "ALERT_ALERTNAME=ArgvProbe");
        assertThat(environment).allMatch(variable -> variable.startsWith("ALERT_")
                || variable.matches("(PATH|HOME|LANG|LC_ALL|TZ|PWD|SHLVL|_)=.*"), "only ALERT_* and inherited variables");
    }

    @Test
    void refusesALabelValueThatWouldBecomeAnOption() {
        ObjectNode notification = probe("UnsafeProbe");
        Fixtures.labels(notification, 0).put("opt", "--delete-everything");
        String fingerprint = Fixtures.fingerprint(notification, 0);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        JsonNode refused = awaitHealOutcome(AUDIT, fingerprint);
        assertThat(refused.get("outcome").asText()).isEqualTo("refused");
        assertThat(refused.get("error").asText()).contains("starts with '-'");
        assertThat(AUDIT.eventsFor(fingerprint, "heal")).extracting(e -> e.get("outcome").asText()).doesNotContain("started");
        assertThat(RECORDS.resolve(fingerprint + ".argv")).doesNotExist();
    }

    @Test
    void recordsTheExitCodeOfAFailingCommand() {
        ObjectNode notification = probe("FailingProbe");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        JsonNode failed = awaitHealOutcome(AUDIT, Fixtures.fingerprint(notification, 0));
        assertThat(failed.get("outcome").asText()).isEqualTo("failed");
        assertThat(failed.get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void killsACommandThatOverrunsItsTimeout() {
        ObjectNode notification = probe("SlowProbe");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        JsonNode timedOut = awaitHealOutcome(AUDIT, Fixtures.fingerprint(notification, 0));
        assertThat(timedOut.get("outcome").asText()).isEqualTo("timeout");
        assertThat(timedOut.get("durationMs").asLong()).isBetween(500L, 10_000L);
    }

    @Test
    void runsOnlyForTheStatusAndLabelsThePlaybookMatches() {
        ObjectNode notification = probe("ResolvedProbe");
        ObjectNode firing = (ObjectNode) notification.get("alerts").get(0);
        ObjectNode otherTeam = firing.deepCopy().put("status", "resolved").put("fingerprint", "0ther7eam0000001");
        ((ObjectNode) otherTeam.get("labels")).put("team", "web").put("env", "prod");
        ObjectNode matching = firing.deepCopy().put("status", "resolved").put("fingerprint", "ma7ching00000001");
        ((ObjectNode) matching.get("labels")).put("team", "db").put("env", "staging");
        notification.withArray("alerts").add(otherTeam).add(matching);
        ((ObjectNode) firing.get("labels")).put("team", "db").put("env", "prod");

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        assertThat(awaitHealOutcome(AUDIT, "ma7ching00000001").get("outcome").asText()).isEqualTo("succeeded");
        // Offered to every playbook, and none took them.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(AUDIT.eventsFor(Fixtures.fingerprint(notification, 0), "heal")).extracting(e -> e.get("outcome").asText()).containsExactly("no-playbook");
            assertThat(AUDIT.eventsFor("0ther7eam0000001", "heal")).extracting(e -> e.get("outcome").asText()).containsExactly("no-playbook");
        });
    }

    /** Stands in for compose/web-app/supervisor.py: counts POST /restart on the app's port + 1. */
    private static final class RestartRecorder implements AutoCloseable {

        private final HttpServer server;
        private final AtomicInteger restarts = new AtomicInteger();

        RestartRecorder() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/restart", exchange -> {
                restarts.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        int appPort() {
            return server.getAddress().getPort() - 1;
        }

        int restarts() {
            return restarts.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
