package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.file.FileStore;
import io.alerthook.support.JournalStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SlackOutboxesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path dir;
    private FileStore store;
    private SlackOutboxes outboxes;

    @BeforeEach
    void outboxes() throws Exception {
        store = JournalStores.open(dir.resolve("audit.jsonl"), Clock.systemUTC());
        outboxes = new SlackOutboxes(SlackSettings.destinations(), store, MAPPER, 3, Duration.ofSeconds(10),
                new SimpleMeterRegistry().counter("takeovers"));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void givesBackTheMessageAsItWasPutIn() {
        SlackPost put = post(SlackPost.Kind.ALERTS, "group-a", "1");
        outboxes.enqueue(put);

        SlackPost head = outboxes.head(put.destination().name());

        assertThat(head.outboxId()).isPositive();
        assertThat(head.taken()).isEqualTo(1);
        assertThat(head.mayHaveBeenSent()).isFalse();
        assertThat(head.taken(0, 0)).isEqualTo(put);
        assertThat(outboxes.head(put.destination().name()).mayHaveBeenSent()).as("taken again, not done").isTrue();
    }

    @Test
    void aGroupsNewMessageTakesThePlaceOfItsMessageStillWaiting() {
        List.of(post(SlackPost.Kind.ALERTS, "group-a", "1"), post(SlackPost.Kind.ALERTS, "group-b", "1"),
                post(SlackPost.Kind.ALERTS, "group-a", "2")).forEach(outboxes::enqueue);
        String destination = SlackSettings.destinations().all().get(0).name();

        assertThat(outboxes.waiting(destination)).isEqualTo(2);
        assertThat(takeNext(destination).payload()).as("group-a, first in line, with its newest state").isEqualTo("{\"text\":\"2\"}");
        assertThat(takeNext(destination).payload()).isEqualTo("{\"text\":\"1\"}");
        assertThat(outboxes.head(destination)).isNull();
        assertThat(slackOutcomes()).containsExactly("sent", "sent", "queued", "coalesced", "queued", "queued");
    }

    @Test
    void theMessageBeingSentIsSupersededByItsGroupsNewerOne() {
        outboxes.enqueue(post(SlackPost.Kind.ALERTS, "group-a", "1"));
        String destination = SlackSettings.destinations().all().get(0).name();
        SlackPost sending = outboxes.head(destination);

        outboxes.enqueue(post(SlackPost.Kind.ALERTS, "group-a", "2"));

        assertThat(outboxes.waiting(destination)).as("the one being sent is not replaced").isEqualTo(2);
        assertThat(outboxes.isSuperseded(sending)).isTrue();
    }

    @Test
    void aFullOutboxStillTakesTheNewStateOfAGroupWaitingInIt() {
        for (int n = 0; n < 3; n++) {
            outboxes.enqueue(post(SlackPost.Kind.ALERTS, "group-" + n, "1"));
        }

        outboxes.enqueue(post(SlackPost.Kind.ALERTS, "group-1", "2"));

        assertThat(outboxes.waiting(SlackSettings.destinations().all().get(0).name())).isEqualTo(3);
    }

    @Test
    void healReportsAreNeverCoalesced() {
        outboxes.enqueue(post(SlackPost.Kind.HEAL_REPORT, "group-a", "1"));
        outboxes.enqueue(post(SlackPost.Kind.HEAL_REPORT, "group-a", "2"));

        assertThat(outboxes.isSuperseded(outboxes.head(SlackSettings.destinations().all().get(0).name()))).isFalse();
    }

    @Test
    void aFullOutboxTakesNoMoreAndTheMessageIsRecordedDroppedSayingWhy() {
        for (int n = 0; n < 3; n++) {
            outboxes.enqueue(post(SlackPost.Kind.ALERTS, "group-" + n, "1"));
        }

        outboxes.enqueue(post(SlackPost.Kind.ALERTS, "group-3", "1"));

        assertThat(outboxes.waiting(SlackSettings.destinations().all().get(0).name())).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slackRecords()).first().satisfies(dropped -> {
            assertThat(dropped.get("outcome").asText()).isEqualTo("dropped");
            assertThat(dropped.get("error").asText()).contains("is full", "alerthook.slack.queue-size");
        }));
    }

    @Test
    void aMessageTakenBeforeByASenderThatStoppedIsRecordedResent() {
        SlackPost put = post(SlackPost.Kind.ALERTS, "group-a", "1");
        outboxes.enqueue(put);
        outboxes.head(put.destination().name());

        new SlackAudit(store, MAPPER).sent(outboxes.head(put.destination().name()), null);

        assertThat(slackOutcomes()).containsExactly("resent", "queued");
        assertThat(outboxes.head(put.destination().name())).as("done").isNull();
    }

    /** The Slack records of the alert every test post is about, newest first. */
    private List<JsonNode> slackRecords() {
        return store.search(new AuditSearch(null, "f", Event.SLACK, null, null, 10, System.nanoTime() + 10_000_000_000L)).events();
    }

    private List<String> slackOutcomes() {
        return slackRecords().stream().map(event -> event.get("outcome").asText()).toList();
    }

    /** The head, which then leaves the outbox as sent. */
    private SlackPost takeNext(String destination) {
        SlackPost head = outboxes.head(destination);
        store.done(SlackOutboxes.entry(head), SlackAudit.records(head, Outcome.SENT, null, null));
        return head;
    }

    private static SlackPost post(SlackPost.Kind kind, String groupKey, String text) {
        AlertEvent alert = new AlertEvent(new Alert("firing", Map.of("alertname", "A"), Map.of(), null, null, null, "f"),
                new AlertGroup("r", groupKey, "firing", null, Map.of(), Map.of(), 0, "n"));
        return new SlackPost(kind, SlackSettings.destinations().of(alert), "{\"text\":\"" + text + "\"}", List.of(alert),
                Instant.parse("2026-11-27T10:00:00Z"));
    }
}
