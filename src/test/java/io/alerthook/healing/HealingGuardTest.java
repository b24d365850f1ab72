package io.alerthook.healing;

import io.alerthook.support.SteppingClock;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.file.FileStore;
import io.alerthook.support.JournalStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealingGuardTest {

    private static final String KEY = HealingGuard.key("restart", "f");

    private final SteppingClock clock = new SteppingClock();
    @TempDir
    Path journal;
    private FileStore store;
    private HealingGuard guard;

    @BeforeEach
    void guard() throws Exception {
        store = store(journal);
        guard = new HealingGuard(store);
        guard.register("restart", new GuardPolicy(Duration.ofMinutes(5), 3, Duration.ofHours(1), 2));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private FileStore store(Path dir) throws Exception {
        return JournalStores.open(dir.resolve("audit.jsonl"), clock);
    }

    @Test
    void admitsOneRunAtATimePerPlaybookAndAlert() {
        assertThat(guard.add(KEY)).isTrue();
        assertThat(guard.admit(KEY).skipReason()).isEqualTo("already running for this alert");
        guard.register("other", new GuardPolicy(Duration.ZERO, 1, Duration.ofHours(1), 1));
        assertThat(guard.add(HealingGuard.key("restart", "g"))).isTrue();
        assertThat(guard.add(HealingGuard.key("other", "f"))).isTrue();
    }

    @Test
    void aRunWaitsItsTurnWhileThePlaybooksConcurrencyIsTaken() throws Exception {
        assertThat(guard.add(KEY)).isTrue();
        assertThat(guard.add(HealingGuard.key("restart", "g"))).isTrue();

        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> guard.add(HealingGuard.key("restart", "h")));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !third.isDone());
        guard.confirm(KEY);

        assertThat(third.get(10, TimeUnit.SECONDS)).as("admitted once a run ended").isTrue();
    }

    @Test
    void waitsForTheCooldownAfterARunEndsHoweverItEnded() {
        guard.add(KEY);
        guard.remove(KEY);
        clock.advance(Duration.ofMinutes(4));

        assertThat(guard.admit(KEY).skipReason()).isEqualTo("in cooldown until 1970-01-01T00:05:00Z (cooldown 5m)");

        clock.advance(Duration.ofMinutes(1));
        assertThat(guard.add(KEY)).isTrue();
    }

    @Test
    void givesUpOnceTheAttemptsFailWithinTheWindowAndSaysSoOnce() {
        assertThat(failedRun()).isNull();
        assertThat(failedRun()).isNull();
        assertThat(failedRun()).isEqualTo(3);

        assertThat(guard.admit(KEY).skipReason()).isEqualTo("gave up after 3 failed attempts within 1h: a human is needed");

        clock.advance(Duration.ofMinutes(51));
        assertThat(guard.add(KEY)).as("the first failure left the window").isTrue();
    }

    @Test
    void aSuccessStartsTheCountAgainAndNeitherDryRunsNorCancellationsCount() {
        failedRun();
        failedRun();
        run("succeeded");
        run("dry-run");
        run("cancelled");
        failedRun();

        assertThat(failedRun()).isNull();
        assertThat(failedRun()).isEqualTo(3);
    }

    @Test
    void cancelsTheRunningRunOnly() {
        assertThat(guard.cancel("restart", "f")).isFalse();
        Cancellation running = guard.admit(KEY).cancellation();

        assertThat(guard.cancel("restart", "f")).isTrue();
        assertThat(running.isCancelled()).isTrue();
    }

    @Test
    void keepsStateAcrossARegistrationAgainAsAfterARoutesReload() {
        guard.add(KEY);
        guard.register("restart", new GuardPolicy(Duration.ofMinutes(10), 3, Duration.ofHours(1), 1));

        assertThat(guard.admit(KEY).skipReason()).isEqualTo("already running for this alert");
        guard.confirm(KEY);
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.admit(KEY).skipReason()).endsWith("(cooldown 10m)");
    }

    /** A restart in the middle of a flapping incident neither resets the attempts cap nor the cooldown. */
    @Test
    void takesBackFailuresAndCooldownFromTheRecordsAfterARestart() throws Exception {
        store.record(List.of(heal("started", "f", 0), heal("failed", "f", 1), heal("skipped", "f", 2),
                heal("started", "f", 6), heal("timeout", "f", 7),
                heal("started", "g", 10), heal("failed", "g", 11), heal("started", "g", 20), heal("succeeded", "g", 21),
                heal("started", "h", 30)));
        store.close();
        clock.advance(Duration.ofMinutes(32));
        store = store(journal);
        HealingGuard restarted = new HealingGuard(store);
        restarted.register("restart", new GuardPolicy(Duration.ofMinutes(5), 3, Duration.ofHours(1), 1));

        assertThat(restarted.admit(KEY)).as("two failures in a row: one attempt left").satisfies(admission ->
                assertThat(admission.cancellation()).isNotNull());
        restarted.remove(KEY);
        Integer gaveUp = restarted.settle("restart", heal("failed", "f", 32));
        assertThat(gaveUp).as("the third failure, with the two before the restart").isEqualTo(3);
        assertThat(restarted.add(HealingGuard.key("restart", "g"))).as("a success cleared g's failure").isTrue();
        assertThat(restarted.admit(HealingGuard.key("restart", "h")).skipReason())
                .as("cut off by the restart: its cooldown counts from its start")
                .isEqualTo("in cooldown until 1970-01-01T00:35:00Z (cooldown 5m)");
    }

    private static AuditEvent heal(String outcome, String fingerprint, int minute) {
        return new AuditEvent(Instant.EPOCH.plus(Duration.ofMinutes(minute)).toString(), Event.HEAL, Outcome.of(outcome), fingerprint, "A",
                "firing", "critical", "g", "n", Map.of("playbook", "restart"));
    }

    /** One run of "restart" for "f" ending as {@code outcome}, the cooldown waited out; what the guard said. */
    private Integer run(String outcome) {
        assertThat(guard.add(KEY)).isTrue();
        Integer gaveUpAfter = guard.settle("restart",
                new AuditEvent(clock.instant().toString(), Event.HEAL, Outcome.of(outcome), "f", "A", "firing", "critical", "g", "n", Map.of()));
        guard.confirm(KEY);
        clock.advance(Duration.ofMinutes(5));
        return gaveUpAfter;
    }

    private Integer failedRun() {
        return run("failed");
    }
}
