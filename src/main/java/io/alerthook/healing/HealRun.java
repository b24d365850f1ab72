package io.alerthook.healing;

import io.alerthook.alert.AlertEvent;

import java.time.Duration;
import java.util.List;

/** One execution of a playbook for one alert. */
public record HealRun(String playbook, AlertEvent alert, List<String> argv, Duration timeout, long startedNanos) {

    public long elapsedMillis() {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** How the run ended, from its exit code; camel-exec kills an overrunning command, which then exits non-zero. */
    public String outcome(int exitCode) {
        if (exitCode == 0) {
            return "succeeded";
        }
        return elapsedMillis() >= timeout.toMillis() ? "timeout" : "failed";
    }
}
