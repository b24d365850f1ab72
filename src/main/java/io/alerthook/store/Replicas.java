package io.alerthook.store;

import io.alerthook.audit.AuditEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What the alerthooks sharing a store know of each other: who is alive, and whose unfinished work another takes up
 * (see {@link Store}).
 */
public interface Replicas {

    /**
     * Says this alerthook is alive for {@code lease} from now, renewing its claims for as long (also while its sends
     * take long), and ends the heal runs of the alerthooks whose own lease has passed (they died, or lost the store):
     * such a run counts as ended when it started, as after a restart, and what {@code recordOf} makes of it is
     * recorded in the same step (so that no other alerthook taking over sees the run ended and not recorded). Returns
     * those runs.
     */
    List<CutOffRun> heartbeat(Duration lease, Function<CutOffRun, AuditEvent> recordOf);

    /** A heal run that another alerthook was running when it was last heard of. */
    record CutOffRun(String playbook, String fingerprint, String runner, Instant started) {
    }

    /**
     * The alerthooks not heard of for their lease whose runs are all ended ({@link #heartbeat}) and whose other unfinished
     * work (alerts they acknowledged and had not handed to Slack or healing yet) this one now takes up: each is returned
     * to one alerthook only, once. The file store has one alerthook: none.
     */
    List<String> takeOverLapsed();

    /** Whether other alerthooks may share this store: then each takes up at startup only what it left undone itself. */
    boolean isShared();

    /** Gives up this alerthook's lease and claims, so that another takes them over at once (a graceful stop). */
    void releaseClaims();
}
