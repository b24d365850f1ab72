package io.alerthook.healing;

import io.alerthook.store.Store;
import io.alerthook.support.Heartbeats;
import io.alerthook.support.PostgresCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two alerthooks on one PostgreSQL: the guard decides once for both, a playbook's concurrency is for both together, and a
 * cancel reaches whichever runs the command.
 */
class HealingGuardAcrossReplicasTest {

    private static final GuardPolicy POLICY = new GuardPolicy(Duration.ofMinutes(5), 3, Duration.ofHours(1), 1);

    @Test
    void decidesOnceAndAResolvedAlertCancelsTheCommandWhicheverAlerthookRunsIt() {
        String url = PostgresCluster.shared().createDatabase("guard_replicas");
        Store storeA = PostgresCluster.openStore(url, "replica-a");
        HealingGuard guardA = guard(storeA);
        HealingGuard guardB = guard(PostgresCluster.openStore(url, "replica-b"));
        String fingerprint = "f-" + UUID.randomUUID();
        String key = HealingGuard.key("restart", fingerprint);

        Cancellation running = guardA.admit(key).cancellation();
        assertThat(running).isNotNull();
        assertThat(guardB.admit(key).skipReason()).isEqualTo("already running for this alert");

        assertThat(guardB.cancel("restart", fingerprint)).as("asked of the alerthook that runs it").isTrue();
        assertThat(running.isCancelled()).isFalse();
        Heartbeats.of(storeA, guardA, "replica-a", Duration.ofSeconds(10), new SimpleMeterRegistry().counter("runs")).beat(null);
        assertThat(running.isCancelled()).as("at its next heartbeat").isTrue();

        guardA.confirm(key);
        assertThat(guardB.cancel("restart", fingerprint)).as("nothing runs any more").isFalse();
        assertThat(guardB.admit(key).skipReason()).as("the cooldown holds for both").startsWith("in cooldown until");
    }

    @Test
    void aPlaybooksConcurrencyIsForEveryAlerthookTogether() throws Exception {
        String url = PostgresCluster.shared().createDatabase("guard_concurrency");
        HealingGuard guardA = guard(PostgresCluster.openStore(url, "replica-a"));
        HealingGuard guardB = guard(PostgresCluster.openStore(url, "replica-b"));
        String first = HealingGuard.key("restart", "f-" + UUID.randomUUID());
        assertThat(guardA.admit(first).cancellation()).isNotNull();

        CompletableFuture<HealingGuard.Admission> second = CompletableFuture.supplyAsync(() -> guardB.admit(HealingGuard.key("restart", "g-" + UUID.randomUUID())));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        guardA.confirm(first);

        assertThat(second.get(10, TimeUnit.SECONDS).cancellation()).as("its turn came when the other alert's run ended").isNotNull();
    }

    private static HealingGuard guard(Store store) {
        HealingGuard guard = new HealingGuard(store);
        guard.register("restart", POLICY);
        return guard;
    }
}
