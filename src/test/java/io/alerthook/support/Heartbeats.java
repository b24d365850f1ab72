package io.alerthook.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.AuditTrail;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.healing.HealingGuard;
import io.alerthook.recovery.JournalScan;
import io.alerthook.recovery.Recovery;
import io.alerthook.recovery.ReplicaHeartbeat;
import io.alerthook.store.Replicas;
import io.alerthook.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The heartbeat of an alerthook without Camel (the tests that use it leave no alert to resume, only runs), and a store's. */
public final class Heartbeats {

    private Heartbeats() {
    }

    /** A run ended for a replica that died, as a record: what a test's store heartbeat records. */
    public static AuditEvent interrupted(Replicas.CutOffRun run) {
        return new AuditEvent(Instant.now().toString(), Event.HEAL, Outcome.INTERRUPTED, run.fingerprint(), null, null, null, null, null,
                Map.of()).with("playbook", run.playbook());
    }

    public static ReplicaHeartbeat of(Store store, HealingGuard guard, String replica, Duration lease, Counter runsTakenOver) {
        Recovery recovery = new Recovery(store, new JournalScan(new ObjectMapper()), new AuditTrail(store), Duration.ofHours(1),
                Clock.systemUTC(), replica);
        return new ReplicaHeartbeat(store, guard, recovery, lease, runsTakenOver, new SimpleMeterRegistry().counter("replicas"));
    }
}
