package io.alerthook.healing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.alerthook.healing.HealProbes.again;
import static io.alerthook.healing.HealProbes.awaitHealOutcome;
import static io.alerthook.healing.HealProbes.awaitHealOutcomes;
import static io.alerthook.healing.HealProbes.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The guards every playbook passes, with the guarded playbooks of test-playbooks.camel.yaml running real processes. */
class HealingGuardRouteTest extends RunningAlerthook {

    @Test
    void runsOncePerAlertWhileRunningAndNotAgainWithinTheCooldown() {
        ObjectNode notification = probe("GuardProbe");
        String fingerprint = Fixtures.fingerprint(notification, 0);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        awaitStarted(fingerprint);
        letTheDuplicateWindowPass(notification);
        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        List<JsonNode> outcomes = awaitHealOutcomes(AUDIT, fingerprint, 2);
        assertThat(outcomes).extracting(o -> o.get("outcome").asText()).containsExactly("skipped", "succeeded");
        assertThat(outcomes.get(0).get("reason").asText()).isEqualTo("already running for this alert");

        letTheDuplicateWindowPass(notification);
        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        JsonNode cooling = awaitHealOutcomes(AUDIT, fingerprint, 3).get(2);
        assertThat(cooling.get("outcome").asText()).isEqualTo("skipped");
        assertThat(cooling.get("reason").asText()).startsWith("in cooldown until ").endsWith("(cooldown 1h)");
        assertThat(AUDIT.eventsFor(fingerprint, "heal")).filteredOn(e -> e.get("outcome").asText().equals("started")).hasSize(1);
    }

    @Test
    void runsAPlaybooksCommandsOneAtATime() {
        ObjectNode notification = probe("ConcurrencyProbe");
        ObjectNode second = ((ObjectNode) notification.get("alerts").get(0)).deepCopy().put("fingerprint", "c0ncurrency" + System.nanoTime());
        notification.withArray("alerts").add(second);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        JsonNode first = awaitHealOutcome(AUDIT, Fixtures.fingerprint(notification, 0));
        JsonNode other = awaitHealOutcome(AUDIT, Fixtures.fingerprint(notification, 1));
        // exclusive.sh exits 3 when it finds another run inside; both succeeding means they never overlapped.
        assertThat(List.of(first, other)).extracting(o -> o.get("outcome").asText()).containsOnly("succeeded");
        JsonNode later = Instant.parse(first.get("time").asText()).isAfter(Instant.parse(other.get("time").asText())) ? first : other;
        assertThat(later.get("durationMs").asLong()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void givesUpAfterItsAttemptsAndCallsForAHumanOnSlack() {
        ObjectNode notification = probe("GiveUpProbe");
        String fingerprint = Fixtures.fingerprint(notification, 0);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        awaitHealOutcomes(AUDIT, fingerprint, 1);
        letTheDuplicateWindowPass(notification);
        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        awaitHealOutcomes(AUDIT, fingerprint, 3);
        letTheDuplicateWindowPass(notification);
        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        List<JsonNode> outcomes = awaitHealOutcomes(AUDIT, fingerprint, 4);
        assertThat(outcomes).extracting(o -> o.get("outcome").asText()).containsExactly("failed", "failed", "gave-up", "skipped");
        assertThat(outcomes.get(2).get("reason").asText())
                .isEqualTo("auto-heal gave up on GiveUpProbe after 2 attempts: a human is needed");
        assertThat(outcomes.get(3).get("reason").asText()).isEqualTo("gave up after 2 failed attempts within 1h: a human is needed");
        // Severity info keeps the alert and its heal reports out of Slack; the call for a human goes all the same, once.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.receivedWith("heal-GiveUpProbe"))
                .singleElement().satisfies(message -> assertThat(message)
                        .contains(":x: *heal failed*: `gives-up` exited 1 in ")
                        .contains(":rotating_light: *auto-heal gave up on GiveUpProbe after 2 attempts: a human is needed*")));
    }

    @Test
    void killsTheCommandWhenItsAlertResolves() {
        ObjectNode notification = probe("CancelProbe");
        String fingerprint = Fixtures.fingerprint(notification, 0);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);
        awaitStarted(fingerprint);
        assertThat(webhook().post(Fixtures.json(again(notification, "resolved"))).statusCode()).isEqualTo(200);

        JsonNode cancelled = awaitHealOutcome(AUDIT, fingerprint);
        assertThat(cancelled.get("outcome").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("durationMs").asLong()).isLessThan(20_000);
    }

    @Test
    void dryRunRecordsTheExactArgvWithoutRunningIt() {
        ObjectNode notification = probe("DryProbe");
        Fixtures.labels(notification, 0).put("instance", "web-1:8000");
        String fingerprint = Fixtures.fingerprint(notification, 0);

        assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

        JsonNode dryRun = awaitHealOutcome(AUDIT, fingerprint);
        assertThat(dryRun.get("outcome").asText()).isEqualTo("dry-run");
        assertThat(dryRun.get("command").asText()).isEqualTo("src/test/resources/scripts/record-args.sh");
        assertThat(dryRun.get("argv")).extracting(JsonNode::asText)
                .containsExactly("target/heal-records", fingerprint, "--instance=web-1:8000");
        assertThat(AUDIT.eventsFor(fingerprint, "heal")).extracting(e -> e.get("outcome").asText()).doesNotContain("started");
        assertThat(Path.of("target/heal-records", fingerprint + ".argv")).doesNotExist();
    }

    private static void awaitStarted(String fingerprint) {
        await().atMost(Duration.ofSeconds(10)).until(() -> AUDIT.eventsFor(fingerprint, "heal").stream()
                .anyMatch(event -> event.get("outcome").asText().equals("started")));
    }
}
