package io.alerthook.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.Notification;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.audit.AuditTrail;
import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the flow relies on from a store, whichever engine runs: each engine's test extends this with a store over
 * storage of its own, opened again to stand for a restart. The duplicate window is {@link #WINDOW}.
 */
public abstract class StoreContract {

    protected static final Duration WINDOW = Duration.ofSeconds(2);
    protected static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> observed = new ArrayList<>();

    /** A store over this test's storage, as after a restart: the one opened before is closed, what it recorded kept. */
    protected abstract Store open() throws Exception;

    /** Closes the store {@link #open} opened last. */
    @AfterEach
    protected abstract void close() throws Exception;

    @Test
    void findsTheNewestMatchingRecordsFirst() throws Exception {
        Store store = open();
        Notification notification = notification("search");
        AlertEvent alert = notification.alertEvents().get(0);
        new AuditTrail(store).accept(notification);
        store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert).with("playbook", "p"),
                AuditEvent.of(Event.HEAL, Outcome.SUCCEEDED, alert).with("playbook", "p").with("exitCode", 0)));
        store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.NO_PLAYBOOK, alert("other"))));

        AuditPage page = store.search(AuditSearch.about(null, alert.alert().fingerprint(), null, 2, deadline()));

        assertThat(page.complete()).isTrue();
        assertThat(page.events()).extracting(event -> event.get("outcome").asText()).containsExactly("succeeded", "started");
        assertThat(page.events().get(0).get("exitCode").asInt()).isZero();
        assertThat(page.events().get(0).get("playbook").asText()).isEqualTo("p");
        assertThat(store.search(AuditSearch.about(alert.alert().alertname(), alert.alert().fingerprint(), null, 10, deadline())).events())
                .hasSize(3).allSatisfy(event -> assertThat(event.get("fingerprint").asText()).isEqualTo(alert.alert().fingerprint()));
        assertThat(store.search(AuditSearch.about(null, alert.alert().fingerprint(), Instant.now().plusSeconds(60), 10, deadline())).events())
                .as("nothing since a time to come").isEmpty();
        assertThat(store.search(new AuditSearch(null, alert.alert().fingerprint(), Event.HEAL, Outcome.SUCCEEDED, null, 10, deadline()))
                .events()).singleElement().satisfies(event -> assertThat(event.get("exitCode").asInt()).isZero());
    }

    @Test
    void keepsWhatWasRecordedAcrossARestart() throws Exception {
        Notification notification = notification("restart");
        AlertEvent alert = notification.alertEvents().get(0);
        new AuditTrail(open()).accept(notification);

        Store restarted = open();

        assertThat(restarted.search(AuditSearch.about(null, alert.alert().fingerprint(), null, 10, deadline())).events())
                .singleElement().satisfies(received -> {
                    assertThat(received.get("event").asText()).isEqualTo("received");
                    assertThat(received.at("/alert/labels/alertname").asText()).isEqualTo(alert.alert().alertname());
                    assertThat(received.at("/group/groupKey").asText()).isEqualTo(alert.group().groupKey());
                });
    }

    @Test
    void replaysTheRecordsInTheOrderTheyWereRecorded() throws Exception {
        Store store = open();
        AlertEvent alert = alert("replay");
        Instant before = Instant.now().minusSeconds(1);
        for (int n = 0; n < 5; n++) {
            store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert).with("step", n)));
        }

        List<String> replayed = new ArrayList<>();
        open().replay(before, record -> {
            if (record.path("fingerprint").asText().equals(alert.alert().fingerprint())) {
                replayed.add(record.get("step").asText());
            }
        });

        assertThat(replayed).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void theSameNotificationIsADuplicateWithinTheWindowOnlyAndAcrossARestart() throws Exception {
        Store store = open();
        Notification notification = notification("window");
        String fingerprint = notification.alertEvents().get(0).alert().fingerprint();

        assertThat(new AuditTrail(store).accept(notification)).isTrue();
        assertThat(new AuditTrail(store).accept(notification)).as("an HA peer's copy, a retry").isFalse();
        Store restarted = open();
        AuditTrail trail = new AuditTrail(restarted);
        assertThat(trail.accept(notification)).as("after a restart").isFalse();
        await().atMost(WINDOW.multipliedBy(5)).until(() -> trail.accept(notification));

        // newest first: accepted again after the window, duplicates (one per try), accepted first
        List<String> records = restarted.search(AuditSearch.about(null, fingerprint, null, 1000, deadline())).events().stream()
                .map(event -> event.get("event").asText() + "/" + event.path("outcome").asText()).toList();
        assertThat(records).hasSizeGreaterThanOrEqualTo(4).startsWith("received/").endsWith("received/")
                .filteredOn("received/"::equals).hasSize(2);
    }

    @Test
    void aWithdrawnNotificationIsNoDuplicateSoItsRetryIsAccepted() throws Exception {
        AuditTrail trail = new AuditTrail(open());
        Notification notification = notification("withdrawn");
        trail.accept(notification);

        trail.withdraw(notification);

        assertThat(trail.accept(notification)).isTrue();
    }

    @Test
    void ofManyCopiesArrivingAtOnceExactlyOneIsAccepted() throws Exception {
        AuditTrail trail = new AuditTrail(open());
        Notification notification = notification("copies");
        ExecutorService copies = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> accept = new ArrayList<>();
            for (int copy = 0; copy < 8; copy++) {
                accept.add(() -> trail.accept(notification));
            }
            List<Boolean> accepted = new ArrayList<>();
            for (Future<Boolean> result : copies.invokeAll(accept, 30, TimeUnit.SECONDS)) {
                accepted.add(result.get());
            }
            assertThat(accepted).containsOnlyOnce(true);
        } finally {
            copies.shutdown();
        }
    }

    @Test
    void tellsItsObserverOfEveryRecordOnceDurable() throws Exception {
        Store store = open();
        store.observe(new Store.Observer() {
            @Override
            public void recorded(List<AuditEvent> events, long nanos) {
                events.forEach(event -> observed.add(event.event().wire() + "/" + event.outcome().wire()));
            }
        });

        store.record(List.of(AuditEvent.of(Event.HEAL, Outcome.STARTED, alert("observed")), AuditEvent.of(Event.HEAL, Outcome.FAILED, alert("observed"))));

        assertThat(observed).containsExactly("heal/started", "heal/failed");
        assertThat(store.problem()).isEmpty();
    }

    protected static long deadline() {
        return System.nanoTime() + Duration.ofSeconds(10).toNanos();
    }

    protected static AlertEvent alert(String run) {
        return notification(run).alertEvents().get(0);
    }

    /** A notification as intake accepts it: fresh fingerprints, and an id of its own. */
    protected static Notification notification(String run) {
        return Fixtures.READER.read(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, run)).getBytes(StandardCharsets.UTF_8))
                .withId(UUID.randomUUID().toString());
    }
}
