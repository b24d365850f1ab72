package io.alerthook.store;

import java.time.Instant;

/**
 * A Slack message in its destination's outbox, as a store keeps it.
 *
 * @param id            the store's, in the order messages were put in; 0 before
 * @param coalescingKey messages with the same key tell the same story at different times: only the newest waiting
 *                      needs to go out; null for messages that must all be sent
 * @param created       when the message was made, from which its age counts
 * @param message       the message itself, as its owner (slack/SlackOutboxes) wrote it; opaque to the store
 * @param taken         how many times a sender took it from the head of its outbox ({@link Store#head}); more than once
 *                      means a sender stopped or died while sending it, so it may have reached Slack already
 */
public record OutboxMessage(long id, String destination, String coalescingKey, Instant created, String message, int taken) {

    /** A message as it is put in an outbox, or named in one. */
    public OutboxMessage(long id, String destination, String coalescingKey, Instant created, String message) {
        this(id, destination, coalescingKey, created, message, 0);
    }

    public OutboxMessage withId(long id) {
        return new OutboxMessage(id, destination, coalescingKey, created, message, taken);
    }

    public OutboxMessage takenOnceMore() {
        return new OutboxMessage(id, destination, coalescingKey, created, message, taken + 1);
    }
}
