package io.alerthook.healing;

import java.time.Duration;

/**
 * How often one playbook may run for one alert: not again within {@code cooldown} after a run, and no more
 * once {@code attempts} runs in a row have failed within {@code attemptsWindow}.
 */
public record GuardPolicy(Duration cooldown, int attempts, Duration attemptsWindow) {

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
