package io.alerthook.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.alerthook.audit.AuditEvent;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit records, which are also what recovery reads, and the duplicate window of the notifications accepted with
 * them (see {@link Store}).
 */
public interface AuditLog {

    /** Durable when this returns: a record that was recorded survives a crash. Throws if it cannot be made so. */
    void record(List<AuditEvent> events);

    /**
     * Records a decision to do nothing more with an alert (left out by a filter, turned away by the heal guard, no
     * playbook): durable soon after, not necessarily when this returns, so that dispatch and healing do not wait for a
     * disk or a commit per alert. A decision a crash takes in between is made again by recovery, since its alert then
     * has no record of it (as for {@link Outboxes#enqueue}). The records keep their order with those of
     * {@link #record}, {@link #accept}, {@link Outboxes#enqueue} and {@code recordLater} (PostgreSQL: not necessarily
     * with the records of the other calls, each of which commits its own records with its change).
     */
    void recordLater(List<AuditEvent> events);

    /**
     * Accepts a notification, durable when this returns, in one step so that no crash can separate the two: unless its
     * duplicate key was accepted within the duplicate window ({@code alerthook.intake.duplicate-window}), the key is
     * kept and the {@code received} records are recorded, and this returns true; otherwise only the {@code duplicate}
     * records are, and it returns false. Of copies arriving at once, exactly one is accepted.
     */
    boolean accept(String duplicateKey, List<AuditEvent> received, List<AuditEvent> duplicate);

    /** Forgets an accepted key: the notification could not be handed on, so its retry must not count as a duplicate. */
    void forgetNotification(String duplicateKey);

    /** The newest records that match, newest first. */
    AuditPage search(AuditSearch search);

    /** The records from {@code since} on (an engine may give some older ones first), oldest first, as written. */
    void replay(Instant since, Consumer<JsonNode> record);

    /** Tells {@code observer} of the records from now on. */
    void observe(Observer observer);

    /** Told of every record once it is durable, e.g. to count what the records say. */
    interface Observer {

        Observer NONE = new Observer() {
        };

        /** The records are durable; {@code nanos} since the caller handed them over. */
        default void recorded(List<AuditEvent> events, long nanos) {
        }

        default void failed(RuntimeException error) {
        }
    }
}
