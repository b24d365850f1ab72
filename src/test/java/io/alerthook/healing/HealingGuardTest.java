package io.alerthook.healing;

import io.alerthook.support.SteppingClock;
import io.alerthook.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealingGuardTest {

    private static final String KEY = HealingGuard.key("restart", "f");

    private final SteppingClock clock = new SteppingClock();
    private final HealingGuard guard = new HealingGuard(clock);

    HealingGuardTest() {
        guard.register("restart", new GuardPolicy(Duration.ofMinutes(5), 3, Duration.ofHours(1)));
    }

    @Test
    void admitsOneRunAtATimePerPlaybookAndAlert() {
        assertThat(guard.add(KEY)).isTrue();
        assertThat(guard.admit(KEY).skipReason()).isEqualTo("already running for this alert");
        guard.register("other", new GuardPolicy(Duration.ZERO, 1, Duration.ofHours(1)));
        assertThat(guard.add(HealingGuard.key("restart", "g"))).isTrue();
        assertThat(guard.add(HealingGuard.key("other", "f"))).isTrue();
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
        guard.register("restart", new GuardPolicy(Duration.ofMinutes(10), 3, Duration.ofHours(1)));

        assertThat(guard.admit(KEY).skipReason()).isEqualTo("already running for this alert");
        guard.confirm(KEY);
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.admit(KEY).skipReason()).endsWith("(cooldown 10m)");
    }

    /** One run of "restart" for "f" ending as {@code outcome}, the cooldown waited out; what the guard said. */
    private Integer run(String outcome) {
        assertThat(guard.add(KEY)).isTrue();
        Integer gaveUpAfter = guard.settle("restart",
                new AuditEvent(clock.instant().toString(), "heal", outcome, "f", "A", "firing", "critical", "g", "n", Map.of()));
        guard.confirm(KEY);
        clock.advance(Duration.ofMinutes(5));
        return gaveUpAfter;
    }

    private Integer failedRun() {
        return run("failed");
    }
}
