package io.alerthook.recovery;

import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.healing.HealingGuard;
import io.alerthook.store.Replicas.CutOffRun;
import io.alerthook.store.Store;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Several alerthooks on one PostgreSQL: this one says it is alive every {@code alerthook.lease.heartbeat}
 * ({@link Store#heartbeat}), which keeps its Slack claims, and takes up what a dead one left: a heal run that an
 * alerthook not heard of for {@code alerthook.lease.duration} was running is ended, recorded {@code interrupted}, and
 * not run again blindly (the command may have done its work before it died); the alerts it had acknowledged and not
 * yet handed to Slack or healing are taken up by {@link Recovery#takeOver}. It also cancels the commands running here
 * that another alerthook was asked to cancel ({@code cancelOnResolved}). The heartbeat route calls {@link #beat}.
 */
public final class ReplicaHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHeartbeat.class);

    private final Store store;
    private final HealingGuard guard;
    private final Recovery recovery;
    private final Duration lease;
    private final Counter runsTakenOver;
    private final Counter replicasTakenOver;

    public ReplicaHeartbeat(Store store, HealingGuard guard, Recovery recovery, Duration lease, Counter runsTakenOver, Counter replicasTakenOver) {
        this.store = store;
        this.guard = guard;
        this.recovery = recovery;
        this.lease = lease;
        this.runsTakenOver = runsTakenOver;
        this.replicasTakenOver = replicasTakenOver;
    }

    public void beat(CamelContext camel) {
        List<CutOffRun> ended;
        try {
            ended = store.heartbeat(lease, this::interrupted);
            store.cancelRequests().forEach(run -> guard.cancelHere(run.playbook(), run.fingerprint()));
        } catch (RuntimeException storeLost) {
            // readiness reports the store; unheard of, this alerthook's claims and runs pass to the others, as they should
            return;
        }
        if (!ended.isEmpty()) {
            LOG.warn("Took over from alerthooks no longer heard of: {} heal runs they had started are recorded interrupted", ended.size());
            runsTakenOver.increment(ended.size());
        }
        List<String> lapsed;
        try {
            lapsed = store.takeOverLapsed();
        } catch (RuntimeException storeLost) {
            return; // asked again at the next heartbeat
        }
        for (String replica : lapsed) {
            try {
                recovery.takeOver(replica, camel);
                replicasTakenOver.increment();
            } catch (RuntimeException e) {
                // its lease is gone, so no other alerthook will try: say what is left for a human (GET /audit)
                LOG.error("Could not take up the alerts alerthook {} left unfinished; its received records without an outcome"
                        + " are in the audit", replica, e);
            }
        }
    }

    /** At a graceful stop, after Camel has stopped: the others take over this alerthook's Slack webhooks at once. */
    public void release() {
        store.releaseClaims();
    }

    private AuditEvent interrupted(CutOffRun run) {
        return new AuditEvent(Instant.now().toString(), Event.HEAL, Outcome.INTERRUPTED, run.fingerprint(), null, null, null, null, null,
                Map.of()).with("playbook", run.playbook()).with("reason", "alerthook " + run.runner() + " started the command at "
                + run.started() + " and was not heard of for " + lease.toMillis() + " ms; it is not run again");
    }
}
