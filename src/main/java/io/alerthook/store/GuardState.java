package io.alerthook.store;

import io.alerthook.audit.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the healing guard knows of one playbook's runs for one alert: since when one runs (null when none does), when
 * the last one ended, and the failed runs since the last success, oldest first. The guard's policy
 * (healing/GuardPolicy) decides from this; a store keeps it ({@link Store#changeGuard}).
 */
public record GuardState(Instant runningSince, Instant lastEnded, List<Instant> failures) {

    public static final GuardState NONE = new GuardState(null, null, List.of());

    public GuardState {
        failures = List.copyOf(failures);
    }

    public boolean isRunning() {
        return runningSince != null;
    }

    public GuardState started(Instant at) {
        return new GuardState(at, lastEnded, failures);
    }

    public GuardState ended(Instant at) {
        return new GuardState(null, at, failures);
    }

    /** A success clears the failures and a failure adds one; other outcomes (dry run, cancelled) change nothing. */
    public GuardState counted(Outcome outcome, Instant at) {
        if (outcome == Outcome.SUCCEEDED) {
            return new GuardState(runningSince, lastEnded, List.of());
        }
        if (!outcome.isHealFailure()) {
            return this;
        }
        List<Instant> more = new ArrayList<>(failures);
        more.add(at);
        return new GuardState(runningSince, lastEnded, more);
    }

    /** Without the failures before {@code start}: those that left the attempts window. */
    public GuardState failuresSince(Instant start) {
        return new GuardState(runningSince, lastEnded, failures.stream().filter(failure -> !failure.isBefore(start)).toList());
    }

    /**
     * What a heal record of a run says, for an engine that takes the guard back from its records after a restart: the
     * run ended at the record's time and counts its outcome. A run cut off by the restart ({@code started} is its last
     * record) so counts as ended when it started, and does not run.
     */
    public GuardState recorded(Outcome outcome, Instant at) {
        return ended(at).counted(outcome, at);
    }

    /** Nothing worth keeping: not running, no end and no failure on record. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
