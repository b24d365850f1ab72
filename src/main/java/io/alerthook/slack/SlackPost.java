package io.alerthook.slack;

import com.fasterxml.jackson.annotation.JsonValue;
import io.alerthook.alert.AlertEvent;
import io.alerthook.store.SlackThread;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One message on its way to Slack, with the alerts it is about, so the audit can say, per alert, what became of it.
 *
 * @param payload  the JSON body for the webhook (Block Kit or plain text, with the destination's channel); null for a
 *                 group's alerts until they are rendered as they leave the outbox ({@link SlackMessageFormatter#rendered})
 * @param created  when the message was made, from which its age ({@code alerthook.slack.max-age}) counts
 * @param outboxId the store's id of the message in its outbox; 0 until it is put there ({@link SlackOutboxes})
 * @param taken    how many times a sender took it from its outbox, this time included (see store/OutboxMessage)
 * @param thread   once posted as a Slack app, the incident's thread as the post left it, to be kept with its outcome;
 *                 null if the post changed no thread
 */
public record SlackPost(Kind kind, SlackDestination destination, String payload, List<AlertEvent> alerts, Instant created, long outboxId,
                        int taken, SlackThread thread) {

    /** What a message is about: the {@code message} field of its audit records. */
    public enum Kind {
        /** A group's alerts. */
        ALERTS("alerts"),
        /** How a heal run for an alert went. */
        HEAL_REPORT("heal-report"),
        /** A Slack app's thread changed: its first message (its parent) is brought up to date in place. */
        PARENT_UPDATE("parent-update"),
        /** What someone did from Slack about an incident (acknowledged it, silenced it): a line in its thread. */
        NOTE("note");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A message not yet in an outbox. */
    public SlackPost(Kind kind, SlackDestination destination, String payload, List<AlertEvent> alerts, Instant created) {
        this(kind, destination, payload, alerts, created, 0, 0, null);
    }

    /** The message as a sender took it from its outbox. */
    public SlackPost taken(long outboxId, int taken) {
        return new SlackPost(kind, destination, payload, alerts, created, outboxId, taken, thread);
    }

    /** The message with its JSON body. */
    public SlackPost withPayload(String payload) {
        return new SlackPost(kind, destination, payload, alerts, created, outboxId, taken, thread);
    }

    /** The message as posted, with the thread it left. */
    public SlackPost threaded(SlackThread thread) {
        return new SlackPost(kind, destination, payload, alerts, created, outboxId, taken, thread);
    }

    /** The alert group the message is about: the incident, whose thread a Slack app posts in. */
    public String groupKey() {
        return alerts.get(0).group().groupKey();
    }

    /** A sender before this one stopped or died while sending it: it may have reached Slack already. */
    public boolean mayHaveBeenSent() {
        return taken > 1;
    }

    public boolean isOlderThan(Duration age, Instant now) {
        return created.plus(age).isBefore(now);
    }

    /**
     * Messages with the same key describe the same alert group at different times, so only the latest one waiting
     * needs to go out (so are updates of one thread's parent, which show its state when they leave); null for messages
     * that must all be sent, such as heal reports and notes.
     */
    public String coalescingKey() {
        String groupKey = groupKey();
        if (groupKey == null || kind == Kind.HEAL_REPORT || kind == Kind.NOTE) {
            return null;
        }
        return destination.name() + "/" + groupKey + (kind == Kind.PARENT_UPDATE ? "/parent" : "");
    }
}
