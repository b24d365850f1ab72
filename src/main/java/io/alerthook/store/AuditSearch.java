package io.alerthook.store;

import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;

import java.time.Instant;

/**
 * What {@code GET /audit} asks: records about an alertname and/or a fingerprint, of an event and/or with an outcome
 * (each null: any), from {@code since} (null: any time), at most {@code limit}, searched until {@code deadline}
 * (System.nanoTime) at the latest.
 */
public record AuditSearch(String alertname, String fingerprint, Event event, Outcome outcome, Instant since, int limit,
                          long deadline) {

    /** Records about an alert, or an alertname, of any event. */
    public static AuditSearch about(String alertname, String fingerprint, Instant since, int limit, long deadline) {
        return new AuditSearch(alertname, fingerprint, null, null, since, limit, deadline);
    }
}
