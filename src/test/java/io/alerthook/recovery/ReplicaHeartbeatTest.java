package io.alerthook.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.healing.HealingGuard;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.Store;
import io.alerthook.support.Heartbeats;
import io.alerthook.support.PostgresCluster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two alerthooks on one PostgreSQL; one dies while its command runs: the other's heartbeat says so in the audit. */
class ReplicaHeartbeatTest {

    @Test
    void recordsTheRunOfAnAlerthookNoLongerHeardOfAsInterruptedOnce() {
        String url = PostgresCluster.shared().createDatabase("heartbeat");
        Store dead = PostgresCluster.openStore(url, "replica-dead");
        Store alive = PostgresCluster.openStore(url, "replica-alive");
        String fingerprint = "f-" + UUID.randomUUID();
        dead.heartbeat(Duration.ofMillis(500), Heartbeats::interrupted);
        dead.changeGuard("restart-web-app", fingerprint, (state, now) -> state.started(now));
        Counter takeovers = new SimpleMeterRegistry().counter("takeovers");
        ReplicaHeartbeat heartbeat = Heartbeats.of(alive, new HealingGuard(alive), "replica-alive", Duration.ofSeconds(30), takeovers);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            heartbeat.beat(null);
            return !interrupted(alive, fingerprint).isEmpty();
        });
        heartbeat.beat(null);

        assertThat(takeovers.count()).isEqualTo(1);
        assertThat(interrupted(alive, fingerprint)).singleElement().satisfies(record -> {
            assertThat(record.get("playbook").asText()).isEqualTo("restart-web-app");
            assertThat(record.get("replica").asText()).as("who noticed").isEqualTo("replica-alive");
            assertThat(record.get("reason").asText()).startsWith("alerthook replica-dead started the command at ").endsWith("it is not run again");
        });
    }

    private static List<JsonNode> interrupted(Store store, String fingerprint) {
        return store.search(new AuditSearch(null, fingerprint, Event.HEAL, Outcome.INTERRUPTED, null, 10,
                System.nanoTime() + Duration.ofSeconds(10).toNanos())).events();
    }

}
