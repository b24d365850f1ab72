package io.alerthook.store;

import java.time.Instant;

/**
 * What {@code GET /audit} asks: records about an alertname and/or a fingerprint (null: any), from {@code since} (null:
 * any time), at most {@code limit}, searched until {@code deadline} (System.nanoTime) at the latest.
 */
public record AuditSearch(String alertname, String fingerprint, Instant since, int limit, long deadline) {
}
