package io.alerthook.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where alerthook keeps what must outlive a request: the audit records ({@link AuditLog}, also what recovery reads),
 * the duplicate window, the healing guard's state ({@link Guards}), the Slack outboxes and threads ({@link Outboxes}),
 * the approvals ({@link Approvals}) and what the alerthooks sharing it know of each other ({@link Replicas}). Two
 * engines, chosen by {@code alerthook.store}: {@code file} (the default: a JSON Lines journal and memory, nothing to
 * set up) and {@code postgres} (tables, for production). Each engine is one object, since some changes of one part
 * commit with records of another; callers name the part they use. Routes and rules never know which engine runs; the
 * same contract tests run against both.
 */
public interface Store extends AuditLog, Outboxes, Guards, Approvals, Replicas {

    /**
     * Forgets the records older than {@code cutoff} (retention), and guard states that neither run nor hold an end or a
     * failure since then; returns how many records it forgot, as far as it knows.
     */
    long forgetBefore(Instant cutoff);

    /** Why records cannot be recorded now; empty if they can. */
    Optional<String> problem();

    /** Where the records go, for the startup log and health (a path or a JDBC URL, never a password). */
    String location();
}
