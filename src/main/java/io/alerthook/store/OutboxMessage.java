package io.alerthook.store;

import java.time.Instant;

/**
 * A Slack message in its destination's outbox, as a store keeps it.
 *
 * @param id            the store's, in the order messages were put in; 0 before
 * @param coalescingKey messages with the same key tell the same story at different times: only the newest waiting
 *                      needs to go out; null for messages that must all be sent
 * @param created       when the message was made, from which its age counts
 * @param message       the message itself, as its owner (slack/SlackOutbox) wrote it; opaque to the store
 */
public record OutboxMessage(long id, String destination, String coalescingKey, Instant created, String message) {

    public OutboxMessage withId(long id) {
        return new OutboxMessage(id, destination, coalescingKey, created, message);
    }
}
