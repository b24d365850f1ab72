package io.alerthook.store;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What the healing guard knows of each playbook's runs for each alert (running, cooldown, failures), and the requests
 * to cancel a run, from whichever alerthook to the one running it (see {@link Store}).
 */
public interface Guards {

    /**
     * Changes what the healing guard knows of {@code playbook}'s runs for the alert {@code fingerprint}, atomically: of
     * changes to one playbook and alert at once, each sees what the one before it left. The change is given the store's
     * time (PostgreSQL: the database's {@code now()}, so replicas whose clocks differ decide alike). Returns the state as
     * it was before the change ({@link GuardState#NONE} when nothing is kept), with that time. The state is kept across
     * a restart, except the run that was going on: a run cut off counts as ended when it started.
     */
    GuardChange changeGuard(String playbook, String fingerprint, BiFunction<GuardState, Instant, GuardState> change);

    /**
     * Starts a run the way {@link #changeGuard} changes a state ({@code start} decides whether it may), if fewer than
     * {@code concurrency} runs of {@code playbook}, for other alerts, go on in every alerthook sharing the store; if as
     * many go on, nothing changes and the answer is {@linkplain GuardChange#busy busy}. Starts of one playbook are taken
     * one at a time across alerthooks, so the limit holds for them all (PostgreSQL: a transaction-level advisory lock).
     */
    GuardChange startRun(String playbook, String fingerprint, int concurrency, BiFunction<GuardState, Instant, GuardState> start);

    /**
     * A guard state before a change, and the store's time the change was made at; {@code busy}: a start was not made
     * because the playbook's concurrency was taken ({@link #startRun}).
     */
    record GuardChange(GuardState before, Instant at, boolean busy) {

        public GuardChange(GuardState before, Instant at) {
            this(before, at, false);
        }
    }

    /**
     * Asks the alerthook running {@code playbook}'s command for the alert to cancel it (it learns at its next
     * {@link #cancelRequests}); false if no run is going on. The file store's runs are all its one alerthook's, which
     * cancels them itself: false.
     */
    boolean requestCancel(String playbook, String fingerprint);

    /** The runs of this alerthook that another asked to cancel since the last call. */
    List<Run> cancelRequests();

    /** A playbook's run for an alert. */
    record Run(String playbook, String fingerprint) {
    }
}
