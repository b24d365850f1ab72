package io.alerthook.store.file;

import io.alerthook.store.GuardState;
import io.alerthook.store.Guards.GuardChange;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * For {@link FileStore}: the healing guard's state of each playbook and alert, in memory (the store takes it back from
 * the journal's heal records when it opens), changed atomically per playbook and alert.
 */
final class FileGuards {

    private final Map<String, GuardState> states = new ConcurrentHashMap<>();
    private final Clock clock;

    FileGuards(Clock clock) {
        this.clock = clock;
    }

    GuardChange change(String playbook, String fingerprint, BiFunction<GuardState, Instant, GuardState> change) {
        Instant now = clock.instant();
        GuardState[] before = new GuardState[1];
        states.compute(key(playbook, fingerprint), (key, state) -> {
            before[0] = state == null ? GuardState.NONE : state;
            GuardState after = change.apply(before[0], now);
            return after.isEmpty() ? null : after;
        });
        return new GuardChange(before[0], now);
    }

    /**
     * Starts are taken one at a time (ends need not be: they only free the playbook's concurrency), and only one that
     * would be made counts the playbook's runs.
     */
    synchronized GuardChange start(String playbook, String fingerprint, int concurrency, BiFunction<GuardState, Instant, GuardState> start) {
        String key = key(playbook, fingerprint);
        GuardState before = states.getOrDefault(key, GuardState.NONE);
        Instant now = clock.instant();
        if (!start.apply(before, now).equals(before) && running(playbook + "/", key) >= concurrency) {
            return new GuardChange(before, now, true);
        }
        return change(playbook, fingerprint, start);
    }

    /** Forgets the states that neither run nor hold an end or a failure since {@code cutoff}. */
    void forgetBefore(Instant cutoff) {
        states.values().removeIf(state -> !state.isRunning() && state.failuresSince(cutoff).failures().isEmpty()
                && (state.lastEnded() == null || state.lastEnded().isBefore(cutoff)));
    }

    private long running(String keysOfThePlaybook, String except) {
        return states.entrySet().stream().filter(state -> state.getKey().startsWith(keysOfThePlaybook) && !state.getKey().equals(except)
                && state.getValue().isRunning()).count();
    }

    private static String key(String playbook, String fingerprint) {
        return playbook + "/" + fingerprint;
    }
}
