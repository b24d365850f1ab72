package io.alerthook.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.Notification;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.AuditTrail;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.file.FileStore;
import io.alerthook.support.Fixtures;
import io.alerthook.support.JournalStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What is left undone, as the records tell it. */
class JournalScanTest {

    @Test
    void aRunEndedForAnAlerthookThatDiedIsNotLeftUndone(@TempDir Path dir) throws Exception {
        try (FileStore store = JournalStores.open(dir.resolve("audit.jsonl"), Clock.systemUTC())) {
            Notification notification = Fixtures.READER.read(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "scan"))
                    .getBytes(StandardCharsets.UTF_8)).withId(UUID.randomUUID().toString());
            AlertEvent alert = notification.alertEvents().get(0);
            AuditTrail trail = new AuditTrail(store);
            trail.accept(notification);
            trail.record(AuditEvent.of(Event.SLACK, Outcome.QUEUED, alert).with("message", "alerts"));
            trail.record(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert).with("playbook", "restart"));
            JournalScan scan = new JournalScan(new ObjectMapper());
            assertThat(scan.unfinished(store, Instant.EPOCH, null)).singleElement()
                    .satisfies(unfinished -> assertThat(unfinished.interruptedPlaybooks()).containsExactly("restart"));

            // as recovery/ReplicaHeartbeat records it: the guard's row names the alert, not the notification
            trail.record(new AuditEvent(Instant.now().toString(), Event.HEAL, Outcome.INTERRUPTED, alert.alert().fingerprint(),
                    null, null, null, null, null, Map.of()).with("playbook", "restart"));

            assertThat(scan.unfinished(store, Instant.EPOCH, null)).isEmpty();
        }
    }

    @Test
    void takesUpOnlyWhatTheNamedAlerthookAcknowledged(@TempDir Path dir) throws Exception {
        try (FileStore store = JournalStores.open(dir.resolve("audit.jsonl"), Clock.systemUTC())) {
            new AuditTrail(store).accept(Fixtures.READER.read(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "scan-replica"))
                    .getBytes(StandardCharsets.UTF_8)).withId(UUID.randomUUID().toString()));
            JournalScan scan = new JournalScan(new ObjectMapper());

            assertThat(scan.unfinished(store, Instant.EPOCH, JournalStores.REPLICA)).hasSize(1);
            assertThat(scan.unfinished(store, Instant.EPOCH, "another")).isEmpty();
        }
    }
}
