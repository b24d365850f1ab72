package io.alerthook.store;

import java.time.Instant;

/**
 * A playbook's run for an alert that waits for someone to approve it, until {@code deadline}.
 *
 * @param alert the alert as its owner (healing/HealApprovals) wrote it, to run the playbook for once approved; opaque
 */
public record Approval(String playbook, String fingerprint, Instant deadline, String alert) {
}
