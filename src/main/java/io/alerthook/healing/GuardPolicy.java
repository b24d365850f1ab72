package io.alerthook.healing;

import io.alerthook.audit.Outcome;
import io.alerthook.store.GuardState;

import java.time.Duration;
import java.time.Instant;

/**
 * How often one playbook may run for one alert: not again within {@code cooldown} after a run, and no more
 * once {@code attempts} runs in a row have failed within {@code attemptsWindow}; and how many of its runs, for any
 * alerts, may go on at once ({@code concurrency}, for every alerthook sharing the store together).
 */
public record GuardPolicy(Duration cooldown, int attempts, Duration attemptsWindow, int concurrency) {

    /** Why a run may not start now, given what the guard knows; null if it may. */
    String refusal(GuardState state, Instant now) {
        if (state.isRunning()) {
            return "already running for this alert";
        }
        if (recent(state, now).failures().size() >= attempts) {
            return "gave up after " + attempts + " failed attempts within " + brief(attemptsWindow) + ": a human is needed";
        }
        if (state.lastEnded() != null && now.isBefore(state.lastEnded().plus(cooldown))) {
            return "in cooldown until " + state.lastEnded().plus(cooldown) + " (cooldown " + brief(cooldown) + ")";
        }
        return null;
    }

    /** A run may start now: it runs from now on; otherwise nothing changes. */
    GuardState admitted(GuardState state, Instant now) {
        return refusal(state, now) == null ? state.started(now) : state;
    }

    /** A run's outcome counted, with the failures that left the attempts window forgotten. */
    GuardState settled(GuardState state, Outcome outcome, Instant now) {
        return recent(state, now).counted(outcome, now);
    }

    /** Whether the failure that made {@code settled} is the one that uses the last attempt. */
    boolean usedTheLastAttempt(GuardState settled, Outcome outcome) {
        return outcome.isHealFailure() && settled.failures().size() == attempts;
    }

    private GuardState recent(GuardState state, Instant now) {
        return state.failuresSince(now.minus(attemptsWindow));
    }

    /** "5m", "1h", "30s", "250ms": the way durations are written in playbooks. */
    static String brief(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
