package io.alerthook.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.Notification;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.AuditTrail;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.AuditLog;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.GuardState;
import io.alerthook.store.OutboxMessage;
import io.alerthook.store.Outboxes;
import io.alerthook.store.Replicas;
import io.alerthook.store.Store;
import io.alerthook.store.StoreContract;
import io.alerthook.support.Fixtures;
import io.alerthook.support.Heartbeats;
import io.alerthook.support.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;


/** The store contract on PostgreSQL: a database of this class's own on the test cluster, migrated by Flyway. */
class PostgresStoreContractTest extends StoreContract {

    private static String url;

    private HikariDataSource dataSource;
    private PostgresStore store;

    @BeforeAll
    static void database() {
        url = PostgresCluster.shared().createDatabase("store_contract");
    }

    @Override
    protected Store open() {
        PostgresStoreConfiguration configuration = new PostgresStoreConfiguration();
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        properties.setUsername(PostgresCluster.USER);
        properties.setPassword(PostgresCluster.PASSWORD);
        close();
        dataSource = configuration.dataSource(properties);
        store = configuration.store(dataSource, configuration.flyway(dataSource), MAPPER, WINDOW, REPLICA);
        return store;
    }

    @Test
    void oneReplicaHoldsASenderAtATimeAndItsClaimPassesOnceItLapsesOrIsGivenUp() {
        Store first = open();
        PostgresStore second = new PostgresStoreConfiguration().store(dataSource, null, MAPPER, WINDOW, "other-replica");
        String sender = "webhook-" + UUID.randomUUID();
        Duration lease = Duration.ofSeconds(1);

        assertThat(first.claim(sender, lease)).isEqualTo(Outboxes.Claim.HELD);
        assertThat(second.claim(sender, lease)).as("held by the first").isEqualTo(Outboxes.Claim.HELD_ELSEWHERE);
        assertThat(first.claim(sender, lease)).as("renewed by its holder").isEqualTo(Outboxes.Claim.HELD);
        first.releaseClaims();
        assertThat(second.claim(sender, lease)).as("given up: handed over, not taken over").isEqualTo(Outboxes.Claim.HELD);
        assertThat(first.claim(sender, lease)).isEqualTo(Outboxes.Claim.HELD_ELSEWHERE);
        AtomicReference<Outboxes.Claim> taken = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            taken.set(first.claim(sender, Duration.ofSeconds(30)));
            return taken.get().held();
        });
        assertThat(taken.get().takenFrom()).as("lapsed, and taken over").isEqualTo("other-replica");
        assertThat(second.claim(sender, lease)).isEqualTo(Outboxes.Claim.HELD_ELSEWHERE);
    }

    @Test
    void aSendersPaceHoldsWhicheverReplicaSendsForItNext() {
        Store first = open();
        PostgresStore second = new PostgresStoreConfiguration().store(dataSource, null, MAPPER, WINDOW, "other-replica");
        String sender = "paced-" + UUID.randomUUID();
        assertThat(second.senderWait(sender)).isEqualTo(Duration.ZERO);
        first.claim(sender, Duration.ofSeconds(30));
        assertThat(first.senderWait(sender)).as("claimed, never posted to").isEqualTo(Duration.ZERO);
        first.holdSender(sender, Duration.ofSeconds(60));
        first.releaseClaims();

        assertThat(second.claim(sender, Duration.ofSeconds(30))).isEqualTo(Outboxes.Claim.HELD);
        assertThat(second.senderWait(sender)).as("a Retry-After the first was told").isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
        second.holdSender(sender, Duration.ofSeconds(1));
        assertThat(second.senderWait(sender)).as("never shortened").isGreaterThan(Duration.ofSeconds(50));
    }

    /** The file store counts in memory only; PostgreSQL tells the next sender that one before it took the message. */
    @Test
    void keepsCountOfHowOftenAMessageWasTakenAcrossARestart() {
        Store store = open();
        String destination = "taken-" + UUID.randomUUID();
        AlertEvent alert = alert("taken");
        enqueue(store, new OutboxMessage(0, destination, null, Instant.now(), "{}"), 10, alert, coalesced(alert));
        assertThat(store.head(destination).orElseThrow().taken()).isEqualTo(1);

        Store restarted = open();

        assertThat(restarted.head(destination).orElseThrow().taken()).isEqualTo(2);
    }

    @Test
    void theRunsOfAReplicaNoLongerHeardOfAreEndedOnceByAnother() {
        Store first = open();
        PostgresStore second = new PostgresStoreConfiguration().store(dataSource, null, MAPPER, WINDOW, "other-replica");
        String fingerprint = alert("heartbeat").alert().fingerprint();
        first.heartbeat(Duration.ofSeconds(1), Heartbeats::interrupted);
        Instant started = first.changeGuard("p", fingerprint, (state, now) -> state.started(now)).at();
        assertThat(second.heartbeat(Duration.ofSeconds(30), Heartbeats::interrupted)).as("the first is alive").noneMatch(run -> run.fingerprint().equals(fingerprint));

        AtomicReference<Replicas.CutOffRun> ended = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            second.heartbeat(Duration.ofSeconds(30), Heartbeats::interrupted).stream().filter(run -> run.fingerprint().equals(fingerprint)).forEach(ended::set);
            return ended.get() != null;
        });

        assertThat(ended.get()).isEqualTo(new Replicas.CutOffRun("p", fingerprint, REPLICA, started));
        assertThat(second.search(new AuditSearch(null, fingerprint, Event.HEAL, Outcome.INTERRUPTED, null, 10, deadline())).events())
                .as("recorded with the ending").hasSize(1);
        assertThat(second.changeGuard("p", fingerprint, (state, now) -> state).before())
                .as("ended when it started").isEqualTo(new GuardState(null, started, List.of()));
        assertThat(second.heartbeat(Duration.ofSeconds(30), Heartbeats::interrupted)).as("ended once").noneMatch(run -> run.fingerprint().equals(fingerprint));
    }

    @Test
    void forgetsTheRecordsOlderThanTheCutoff() {
        Store store = open();
        AlertEvent alert = alert("retention");
        AuditEvent fresh = AuditEvent.of(Event.HEAL, Outcome.STARTED, alert);
        AuditEvent old = new AuditEvent(Instant.now().minus(Duration.ofDays(40)).toString(), Event.HEAL, Outcome.SUCCEEDED,
                fresh.fingerprint(), fresh.alertname(), fresh.status(), fresh.severity(), fresh.groupKey(), fresh.notification(), Map.of());
        store.record(List.of(old, fresh));

        assertThat(store.forgetBefore(Instant.now().minus(Duration.ofDays(30)))).isGreaterThanOrEqualTo(1);

        assertThat(store.search(AuditSearch.about(null, fresh.fingerprint(), null, 10, deadline())).events())
                .extracting(event -> event.get("outcome").asText()).containsExactly("started");
    }

    @Test
    void acceptsTextPostgresqlCannotHoldWithItsNulCharactersReplaced() {
        Store store = open();
        ObjectNode tree = Fixtures.fresh(Fixtures.FIRING_SINGLE, "nul");
        ((ObjectNode) tree.at("/alerts/0/labels")).put("alertname", "Disk\u0000full");
        ((ObjectNode) tree.at("/alerts/0/annotations")).put("title", "bytes \u0000 and \\u0000 as text");
        Notification notification = Fixtures.READER.read(Fixtures.json(tree).getBytes(StandardCharsets.UTF_8)).withId(UUID.randomUUID().toString());

        assertThat(new AuditTrail(store).accept(notification)).isTrue();

        JsonNode received = store.search(AuditSearch.about(null, Fixtures.fingerprint(tree, 0), null, 10, deadline())).events().get(0);
        assertThat(received.get("event").asText()).isEqualTo("received");
        assertThat(received.get("alertname").asText()).isEqualTo("Disk\ufffdfull");
        assertThat(received.at("/alert/annotations/title").asText()).isEqualTo("bytes \ufffd and \\u0000 as text");
    }

    /** Hand-made notifications only: Alertmanager escapes its group keys, which the outbox keeps as text. */
    @Test
    void aMessagePostgresqlCannotHoldFailsAloneAndIsReportedWhileTheOthersGoIn() {
        Store store = open();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        store.observe(new AuditLog.Observer() {
            @Override
            public void failed(RuntimeException error) {
                failures.add(error);
            }
        });
        AlertEvent alert = alert("outbox-nul");
        String destination = "nul-" + UUID.randomUUID();

        CompletableFuture<Boolean> unheld = store.enqueue(new OutboxMessage(0, destination, "group\u0000key", Instant.now(), "{}"), 10,
                List.of(AuditEvent.of(Event.SLACK, Outcome.QUEUED, alert)), coalesced(alert), List::of);
        boolean next = enqueue(store, new OutboxMessage(0, destination, "group", Instant.now(), "{}"), 10, alert, coalesced(alert));

        assertThat(next).isTrue();
        assertThat(store.waiting(destination)).isEqualTo(1);
        assertThatThrownBy(unheld::join).hasMessageContaining("0x00");
        await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
        assertThat(failures.get(0)).hasMessageContaining("cannot record in " + url);
    }

    @Override
    protected void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }
}
