package io.alerthook.healing;

import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.Outcome;

import java.time.Duration;
import java.util.List;

/** One execution (or, in a dry run, one non-execution) of a playbook for one alert. */
public record HealRun(String playbook, AlertEvent alert, String command, List<String> argv, Duration timeout, boolean dryRun,
                      Cancellation cancellation, long startedNanos) {

    public long elapsedMillis() {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** How the run ended; a killed command exits non-zero, so the reason it was killed decides. */
    public Outcome outcome(int exitCode) {
        if (cancellation.isCancelled()) {
            return Outcome.CANCELLED;
        }
        if (exitCode == 0) {
            return Outcome.SUCCEEDED;
        }
        return elapsedMillis() >= timeout.toMillis() ? Outcome.TIMEOUT : Outcome.FAILED;
    }
}
