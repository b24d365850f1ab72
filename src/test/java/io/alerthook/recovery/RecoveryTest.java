package io.alerthook.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookApplication;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.Notification;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.audit.AuditTrail;
import io.alerthook.store.file.FileStore;
import io.alerthook.support.JournalStores;
import io.alerthook.support.AuditFile;
import io.alerthook.support.Fixtures;
import io.alerthook.support.SlackStub;
import io.alerthook.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starting on a journal left by an alerthook that died: what it had acknowledged and not finished is taken up. */
class RecoveryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void resumesWhatWasLeftUndoneAndRecordsWhatCannotBe(@TempDir Path dir) throws Exception {
        AuditFile audit = new AuditFile(dir.resolve("audit.jsonl"));
        ObjectNode untouched = Fixtures.fresh(Fixtures.FIRING_SINGLE, "recovery-untouched");
        ObjectNode healing = Fixtures.fresh(Fixtures.FIRING_SINGLE, "recovery-healing");
        ObjectNode waiting = Fixtures.fresh(Fixtures.FIRING_SINGLE, "recovery-waiting");
        ObjectNode stale = Fixtures.fresh(Fixtures.FIRING_SINGLE, "recovery-stale");
        try (FileStore store = JournalStores.open(audit.path(), Clock.systemUTC())) {
            AuditTrail trail = new AuditTrail(store);
            // acknowledged, then nothing: alerthook died before dispatch
            trail.accept(read(untouched));
            // Slack sent, and the heal command was running when alerthook died
            AlertEvent running = trail(trail, healing);
            trail.record(AuditEvent.of(Event.SLACK, Outcome.SENT, running).with("message", "alerts"));
            trail.record(AuditEvent.of(Event.HEAL, Outcome.STARTED, running).with("playbook", "restart-web-app"));
            // healing done; alerthook died before the Slack message reached its outbox
            AlertEvent healed = trail(trail, waiting);
            trail.record(AuditEvent.of(Event.HEAL, Outcome.NO_PLAYBOOK, healed));
            // received two hours ago: its news is stale
            AlertEvent old = read(stale).alertEvents().get(0);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("alert", old.alert());
            details.put("group", old.group());
            trail.record(new AuditEvent(Instant.now().minus(Duration.ofHours(2)).toString(), Event.RECEIVED, null, old.alert().fingerprint(),
                    old.alert().alertname(), "firing", "critical", old.group().groupKey(), old.group().notification(), details));
        }

        try (SlackStub slack = new SlackStub();
             ConfigurableApplicationContext alerthook = new SpringApplicationBuilder(AlerthookApplication.class).run(
                     "--server.port=0",
                     "--alerthook.audit.file=" + audit.path(),
                     "--alerthook.slack.webhook-url=" + slack.webhookUrl(),
                     "--alerthook.slack.send-interval=10",
                     "--alerthook.routes.reload-directory=")) {
            String untouchedAlert = Fixtures.fingerprint(untouched, 0);
            await().atMost(PATIENCE).until(() -> slack.deliveredWith("`recovery-untouched`").size() == 1);
            assertThat(audit.eventsFor(untouchedAlert, "recovered")).singleElement().satisfies(recovered -> {
                assertThat(recovered.get("outcome").asText()).isEqualTo("resumed");
                assertThat(recovered.get("resumed")).extracting(JsonNode::asText).containsExactly("slack", "heal");
            });
            await().atMost(PATIENCE).until(() -> audit.eventsFor(untouchedAlert, "heal").stream()
                    .anyMatch(event -> !event.get("outcome").asText().equals("started")));

            await().atMost(PATIENCE).until(() -> slack.deliveredWith("`recovery-waiting`").size() == 1);
            assertThat(audit.eventsFor(Fixtures.fingerprint(waiting, 0), "recovered")).singleElement()
                    .satisfies(recovered -> assertThat(recovered.get("resumed")).extracting(JsonNode::asText).containsExactly("slack"));

            String runningAlert = Fixtures.fingerprint(healing, 0);
            assertThat(audit.eventsFor(runningAlert, "heal")).last().satisfies(heal -> {
                assertThat(heal.get("outcome").asText()).isEqualTo("interrupted");
                assertThat(heal.get("playbook").asText()).isEqualTo("restart-web-app");
            });
            assertThat(audit.eventsFor(runningAlert, "recovered")).isEmpty();
            assertThat(slack.attemptsWith("`recovery-healing`")).isEmpty();

            assertThat(audit.eventsFor(Fixtures.fingerprint(stale, 0), "recovered")).singleElement()
                    .satisfies(recovered -> assertThat(recovered.get("outcome").asText()).isEqualTo("interrupted"));
            assertThat(slack.attemptsWith("`recovery-stale`")).isEmpty();

            // The notification received before the restart is still inside the duplicate window.
            Webhook webhook = new Webhook(alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class), null);
            assertThat(MAPPER.readTree(webhook.post(Fixtures.json(untouched)).body()).path("duplicate").asBoolean()).isTrue();
        }
    }

    private static Notification read(ObjectNode notification) {
        return Fixtures.READER.read(Fixtures.json(notification).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Received as intake records it; the one alert of the notification. */
    private static AlertEvent trail(AuditTrail trail, ObjectNode notification) {
        Notification read = read(notification);
        trail.accept(read);
        return read.alertEvents().get(0);
    }
}
